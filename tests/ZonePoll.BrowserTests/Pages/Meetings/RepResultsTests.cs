using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>On a 390×844 phone: a rep's results over two meetings, and a newcomer following an invite to their worksheet.</summary>
public class RepResultsTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";

    private static async Task SaveRowsAsync(IPage rep, params (string Name, string Zone, string? Note)[] rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await rep.FillAsync($"#row-{i}-name", rows[i].Name);
            await rep.CheckAsync($"#row-{i}-zone-{rows[i].Zone}");
            await rep.FillAsync($"#row-{i}-note", rows[i].Note ?? "");
        }

        await rep.ClickAsync("button:has-text('Save my customers')");
    }

    [Fact]
    public async Task ARepOverTwoMeetingsSeesNothingBeforeTheRevealAndTheTallyAndTheirOwnMovementAfter()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (manager, invite, _) = await managerContext.ManagerWithMeetingAsync();
        await using var phone = await fixture.NewContextAsync(390, 844);
        var priya = await phone.RepWhoJoinedAsync(invite, "Priya Phone");
        await SaveRowsAsync(priya, ("Müller GmbH", "Recovery", "late deliveries"), ("Harbor Logistics", "Expectations", null));
        await using var otherPhone = await fixture.NewContextAsync(390, 844);
        var otto = await otherPhone.RepWhoJoinedAsync(invite, "Otto Other");
        await SaveRowsAsync(otto, ("Orchid Foods", "Recovery", "other secret"));

        // The second meeting, a fortnight on: both reps start from last time's list.
        await manager.GotoAsync("/");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "December meeting");
        await manager.FillAsync("#Input_Date", DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("December meeting");
        var december = manager.Url;
        var results = new Uri(december).AbsolutePath + "/results";
        await priya.GotoAsync(new Uri(december).AbsolutePath + "/worksheet");
        await priya.CheckAsync("#row-0-zone-Surprises");
        await priya.ClickAsync("button:has-text('Save my customers')");
        await otto.GotoAsync(new Uri(december).AbsolutePath + "/worksheet");
        await otto.ClickAsync("button:has-text('Save my customers')");

        await priya.GotoAsync(results);
        await Expect(priya.Locator("#you-in")).ToContainTextAsync("You are in");
        await Expect(priya.Locator("#not-revealed")).ToBeVisibleAsync();
        await Expect(priya.Locator("#team-tally, #since-last-time, #own-movement")).ToHaveCountAsync(0);
        await Expect(priya.Locator("main")).Not.ToContainTextAsync("Müller");
        Assert.True(await priya.EvaluateAsync<bool>(NoSidewaysScroll), "The results page scrolls sideways on a phone before the reveal.");
        await priya.AssertAccessibleAsync();

        await manager.GotoAsync(december);
        await manager.ClickAsync("#reveal-toggle");
        await Expect(manager.Locator("#reveal-toggle")).ToContainTextAsync("Hide the numbers");

        await priya.GotoAsync("/");
        await priya.ClickAsync("a[aria-label='Results: December meeting']");
        await Expect(priya.Locator("#zone-list li")).ToHaveCountAsync(3);
        await Expect(priya.Locator("#zone-list")).ToContainTextAsync("1 · 33%");
        await Expect(priya.Locator("#team-movement")).ToContainTextAsync("1 out of Recovery");
        await Expect(priya.Locator("#own-moves li").Filter(new() { HasText = "Müller GmbH" })).ToContainTextAsync("(up)");
        await Expect(priya.Locator("#own-moves li").Filter(new() { HasText = "Harbor Logistics" })).ToContainTextAsync("(same)");
        var main = await priya.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Otto", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Orchid Foods", main, StringComparison.Ordinal);
        Assert.DoesNotContain("other secret", main, StringComparison.Ordinal);
        Assert.True(await priya.EvaluateAsync<bool>(NoSidewaysScroll), "The results page scrolls sideways on a phone.");
        await priya.ScreenshotAsync("rep-results-phone", output);
        await priya.AssertAccessibleAsync();

        // The manager's meeting page on a phone: each table box too wide for it says so and takes focus; none other does.
        await manager.SetViewportSizeAsync(390, 844);
        await manager.GotoAsync(december);
        var onPhone = await manager.TableBoxesAsync();
        Assert.Contains(PageActions.HintedBox, onPhone);
        Assert.All(onPhone, box => Assert.True(box is PageActions.HintedBox or "fits", box));
        await manager.AssertAccessibleAsync();
        await manager.SetViewportSizeAsync(1280, 720);
        await Expect(manager.Locator(".scroll-hint:visible")).ToHaveCountAsync(0);
        Assert.All(await manager.TableBoxesAsync(), box => Assert.Equal("fits", box));

        await priya.ClickAsync("#trend-link");
        await Expect(priya.Locator("#rep-trend > li")).ToHaveCountAsync(1);
        Assert.True(await priya.EvaluateAsync<bool>(NoSidewaysScroll), "The trend page scrolls sideways on a phone.");
        await priya.AssertAccessibleAsync();
    }

    [Fact]
    public async Task ANewRepFollowsAnInviteCreatesAnAccountAndLandsOnTheWorksheet()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var phone = await fixture.NewContextAsync(390, 844);
        var rep = await phone.NewPageAsync();

        await rep.GotoAsync(invite);
        await Expect(rep.Locator("#invite-from")).ToHaveTextAsync("Maria Manager invited you to join Sales North on ZonePoll as a rep.");
        Assert.True(await rep.EvaluateAsync<bool>(NoSidewaysScroll), "The invite page scrolls sideways on a phone.");
        await rep.ScreenshotAsync("join-signed-out-phone", output);
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("#join-register");
        await Expect(rep.Locator("#joining")).ToContainTextAsync("Sales North");
        await rep.RegisterAsync("Nina Newcomer", $"nina-{Guid.NewGuid():n}@example.com");

        await rep.WaitForURLAsync(new Uri(meetingUrl).AbsolutePath + "/worksheet");
        await Expect(rep.Locator(".alert[role=status]")).ToContainTextAsync("You are on Sales North");
        await Expect(rep.Locator("#row-0-name")).ToBeVisibleAsync();
        await rep.AssertAccessibleAsync();
    }
}
