using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests;

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
