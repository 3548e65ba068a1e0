using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

public class PresentTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheProjectorUpdatesLiveWhenARepSavesAndHonoursTheRevealControl()
    {
        await using var managerContext = await fixture.NewContextAsync(1920, 1080);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Ravi Rep");

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("0 of 1 reps in");
        // Numbers stay hidden until the manager reveals them.
        await Expect(projector.Locator("#bars")).ToBeHiddenAsync();
        await Expect(projector.Locator("#hidden-note")).ToBeVisibleAsync();
        await projector.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await rep.FillAsync("#row-0-name", "Müller GmbH");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-1-name", "Zoë's Bakery");
        await rep.CheckAsync("#row-1-zone-Surprises");
        await rep.FillAsync("#row-2-name", "Acme Corp");
        await rep.CheckAsync("#row-2-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("1 of 1 reps in");
        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();
        await Expect(projector.Locator(".bar-row[data-zone=Recovery] .bar-count")).ToHaveTextAsync("1");
        await Expect(projector.Locator(".bar-row[data-zone=Surprises] .bar-percent")).ToHaveTextAsync("67%");
        await Expect(projector.Locator(".bar-row[data-zone=Recovery] .bar-percent")).ToHaveTextAsync("33%");
        Assert.DoesNotContain("Müller", await projector.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await projector.ScreenshotAsync("present-1920x1080", output);

        // A second save moves the numbers again, still without a reload.
        await rep.CheckAsync("#row-0-zone-Expectations");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(projector.Locator(".bar-row[data-zone=Recovery] .bar-count")).ToHaveTextAsync("0");
        await Expect(projector.Locator(".bar-row[data-zone=Expectations] .bar-count")).ToHaveTextAsync("1");
        Assert.True(await projector.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));

        // Hiding from the dashboard reaches the projector too.
        await manager.GotoAsync(meetingUrl);
        await manager.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#bars")).ToBeHiddenAsync();
        await projector.AssertAccessibleAsync();
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("meeting-dashboard", output);
    }

    [Fact]
    public async Task PromptsStepWithArrowKeysAndButtonsAndNamesShowOnlyWhenSwitchedOn()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rita Rep");
        await rep.FillAsync("#row-0-name", "Blue River Clinic");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.ClickAsync("button:has-text('Save my customers')");

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("1 of 6");
        await Expect(projector.Locator("#prompt-list li:visible")).ToContainTextAsync("WOW");

        await projector.Keyboard.PressAsync("ArrowRight");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("2 of 6");
        await projector.ClickAsync("#prompt-next");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("3 of 6");
        await projector.Keyboard.PressAsync("ArrowLeft");
        await projector.ClickAsync("#prompt-prev");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("1 of 6");

        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();
        await Expect(projector.Locator("#recovery-names")).ToBeHiddenAsync();
        await projector.ClickAsync("#names-toggle");
        await Expect(projector.Locator("#recovery-list")).ToContainTextAsync("Blue River Clinic");
        await projector.ScreenshotAsync("present-1280x720-names", output);
        Assert.True(await projector.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task TheJoinQrCodeOnTheProjectorScansToTheWorksheetAddressAndOpensItOnAPhone()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");

        var shown = await projector.Locator("#join-url").InnerTextAsync();
        Assert.EndsWith(new Uri(meetingUrl).AbsolutePath + "/worksheet", shown, StringComparison.Ordinal);
        // Scanned from what the screen shows at 720p, the smallest projector the layout supports.
        var scanned = QrScan.Read(await projector.Locator("#join-qr").ScreenshotAsync());
        Assert.Equal(shown, scanned);
        await ProjectorLayout.AssertFitsAsync(projector, "the tally with the loopback warning");
        // Run on 127.0.0.1 without App:PublicUrl: the projector says no phone can open that address, and how to fix it.
        await Expect(projector.Locator("#loopback-warning")).ToContainTextAsync("Phones cannot open 127.0.0.1");
        await Expect(projector.Locator("#loopback-warning")).ToContainTextAsync("App__PublicUrl");

        await using var phoneContext = await fixture.NewContextAsync(390, 844);
        var phone = await phoneContext.RepWhoJoinedAsync(invite, "Pia Phone");
        await phone.GotoAsync("/");
        await phone.GotoAsync(scanned);
        await Expect(phone.Locator("#row-0-name")).ToBeVisibleAsync();
        Assert.Equal(scanned, phone.Url);
    }

    /// <summary>The names listed plus the number in "+N more", which together must be every Recovery customer.</summary>
    private static async Task<(int Listed, int More)> RecoveryNamesAsync(IPage projector)
    {
        var listed = await projector.Locator("#recovery-list li:not(.more)").CountAsync();
        var more = projector.Locator("#recovery-list li.more");
        return (listed, await more.CountAsync() == 0
            ? 0
            : int.Parse((await more.TextContentAsync())!.Split(' ')[0].TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WithNamesShownALongListAndALongPromptStillFitOnTheScreenAndTheRestAreCountedAsMore()
    {
        await using var managerContext = await fixture.NewContextAsync(1920, 1080);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        var longPrompt = string.Join(' ', Enumerable.Repeat("How quickly did we respond to each Recovery customer, and what would have made it faster?", 4));
        await manager.FillAsync("#prompts ol li:first-child textarea", longPrompt);
        await manager.ClickAsync("#prompts ol li:first-child button:has-text('Save prompt')");
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rhea Rep");
        for (var row = 0; row < 10; row++)
        {
            await rep.FillAsync($"#row-{row}-name", $"Northwind Regional Health Partners Cooperative {row + 1}");
            await rep.CheckAsync($"#row-{row}-zone-Recovery");
        }

        await rep.ClickAsync("button:has-text('Save my customers')");

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#reveal-toggle");
        await projector.ClickAsync("#names-toggle");
        // The snapshot that shows the names also fits them, in the same script turn.
        await Expect(projector.Locator("#recovery-names")).ToBeVisibleAsync();
        await Expect(projector.Locator("#prompt-list li:visible")).ToContainTextAsync("How quickly");

        await ProjectorLayout.AssertFitsAsync(projector, "many names");
        var (listed, more) = await RecoveryNamesAsync(projector);
        Assert.Equal(10, listed + more);
        await projector.ScreenshotAsync("present-1920x1080-names", output);

        // A smaller screen shows fewer names and counts the rest, still with nothing pushed off.
        await projector.SetViewportSizeAsync(1280, 720);
        // The browser runs resize handlers before the animation frames of the next rendering, so two frames later the list is refitted.
        await projector.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await Expect(projector.Locator("#recovery-list li.more")).ToBeVisibleAsync();
        await ProjectorLayout.AssertFitsAsync(projector, "many names");
        var (listedSmall, moreSmall) = await RecoveryNamesAsync(projector);
        Assert.Equal(10, listedSmall + moreSmall);
        Assert.True(listedSmall <= listed, $"{listedSmall} names at 1280x720, {listed} at 1920x1080");
        await projector.ScreenshotAsync("present-1280x720-many-names", output);
        await projector.AssertAccessibleAsync();
    }

    [Fact]
    public async Task ASecondMeetingCarriesTheListForwardAsksWhyACustomerWentAndShowsSinceLastTimeAndTheTrend()
    {
        await using var managerContext = await fixture.NewContextAsync(1920, 1080);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rosa Rep");
        await rep.FillAsync("#row-0-name", "Müller GmbH");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-1-name", "Acme Corp");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.ClickAsync("button:has-text('Save my customers')");

        // The manager plans the next meeting a month on.
        await manager.GotoAsync(meetingUrl);
        await manager.ClickAsync(".breadcrumb a");
        var teamUrl = manager.Url;
        await manager.GotoAsync("/");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "December meeting");
        await manager.FillAsync("#Input_Date", "2026-12-30");
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("December meeting");
        var decemberUrl = manager.Url;

        // The rep's worksheet starts from last time's list; Acme is replaced, and the save asks why it went.
        await rep.GotoAsync(decemberUrl + "/worksheet");
        await Expect(rep.Locator("#carried-forward")).ToBeVisibleAsync();
        await Expect(rep.Locator("#row-0-name")).ToHaveValueAsync("Müller GmbH");
        await Expect(rep.Locator("#row-0-last")).ToContainTextAsync("last time: Service Recovery");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.FillAsync("#row-1-name", "Brand New Ltd");
        // A name typed over a carried row is a new customer: it starts without Acme's zone.
        await Expect(rep.Locator("#row-1 input[type=radio]:checked")).ToHaveCountAsync(0);
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator("#drop-errors")).ToBeVisibleAsync();
        await Expect(rep.Locator("#dropped")).ToContainTextAsync("Acme Corp");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Brand New Ltd");
        await rep.SelectOptionAsync("#dropped select", "LostToCompetitor");
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator(".alert-success, [role=status]").First).ToContainTextAsync("Saved");

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(decemberUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#view-since");
        await Expect(projector.Locator("#view-since")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(projector.Locator("#view-tally")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(projector.Locator("#since-hidden")).ToBeVisibleAsync();
        await Expect(projector.Locator("#since-numbers")).ToBeHiddenAsync();
        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#since-summary")).ToContainTextAsync("1 out of Recovery");
        await Expect(projector.Locator("#since-story [data-group=StraightToSurprises] .story-count")).ToHaveTextAsync("(1)");
        await Expect(projector.Locator("#since-story [data-group=StraightToSurprises] li")).ToHaveCountAsync(0);
        // Names off: a list with customers behind its count says the names are hidden, one with none stays empty.
        var straight = projector.Locator("#since-story [data-group=StraightToSurprises] .story-list");
        await Expect(straight).ToHaveAttributeAsync("data-names-hidden", "");
        Assert.Equal("\"Names hidden\"", await straight.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        await Expect(projector.Locator("#since-story [data-group=Down] .story-list")).Not.ToHaveAttributeAsync("data-names-hidden", "");
        await Expect(projector.Locator("#since-lost")).ToHaveAttributeAsync("data-names-hidden", "");
        await Expect(projector.Locator("#since-matrix tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Expect(projector.Locator("#since-churn")).ToContainTextAsync("Churn: 1 of 2 customers lost (50 %)");
        await Expect(projector.Locator("#since-lost li")).ToHaveCountAsync(0);
        // "(50 %)" never breaks between the number and the sign.
        Assert.Contains("(50\u00a0%)", await projector.Locator("#since-churn").TextContentAsync(), StringComparison.Ordinal);
        await projector.ClickAsync("#names-toggle");
        await Expect(projector.Locator("#since-lost")).ToContainTextAsync("Acme Corp");
        await Expect(projector.Locator("#since-lost")).ToContainTextAsync("lost to a competitor, Rosa Rep");
        await Expect(projector.Locator("#since-story [data-group=StraightToSurprises] li")).ToHaveTextAsync("Müller GmbH · Rosa Rep");
        await Expect(straight).Not.ToHaveAttributeAsync("data-names-hidden", "");
        Assert.Equal("none", await straight.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        await Expect(projector.Locator("#since-lost")).Not.ToHaveAttributeAsync("data-names-hidden", "");
        await projector.ScreenshotAsync("present-since-last-time", output);
        await projector.AssertAccessibleAsync();

        await manager.GotoAsync(teamUrl);
        await Expect(manager.Locator("#trend svg .trend-bar")).ToHaveCountAsync(2);
        await Expect(manager.Locator("#trend-table tbody tr").Nth(1)).ToContainTextAsync("50 % (1 of 2)");
        await manager.AssertAccessibleAsync();
        await manager.Locator("#trend").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "team-trend.png") });
    }

    [Fact]
    public async Task TheProjectorRecoversByItselfAfterTheConnectionDrops()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rosa Rep");

        // The hub's WebSocket goes through Playwright, so the test can cut it like a network drop.
        var sockets = new List<IWebSocketRoute>();
        var projector = await managerContext.NewPageAsync();
        await projector.RouteWebSocketAsync("**/hubs/tally**", socket =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }

            socket.ConnectToServer();
        });
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();

        IWebSocketRoute first;
        lock (sockets)
        {
            first = sockets[0];
        }

        await first.CloseAsync(new() { Code = 4000, Reason = "network drop" });
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        lock (sockets)
        {
            Assert.True(sockets.Count >= 2, "the projector did not open a new connection");
        }

        await rep.FillAsync("#row-0-name", "After The Drop Ltd");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(projector.Locator(".bar-row[data-zone=Surprises] .bar-count")).ToHaveTextAsync("1");
        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("1 of 1 reps in");
    }
}
