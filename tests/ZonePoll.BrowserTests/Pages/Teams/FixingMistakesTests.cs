using System.Globalization;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Teams;

/// <summary>Issue 23, "fix what was typed wrong", as a manager and a rep on a phone live it.</summary>
public class FixingMistakesTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AManagerPlansTheNextMeetingFromTheCadenceRedatesTheFirstPastItThenArchivesAndRestoresTheTeam()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (manager, invite, firstUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var phoneContext = await fixture.NewContextAsync(390, 844);
        var rep = await phoneContext.RepWhoJoinedAsync(invite, "Priya Phone");
        await rep.FillAsync("#row-0-name", "Müller GmbH");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-1-name", "Harbor Logistics");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.ClickAsync("button:has-text('Save my customers')");

        // The first meeting was made today; the team meets monthly, so the form proposes a month on, titled after the team.
        var first = DateOnly.ParseExact(await DateOfAsync(manager, firstUrl), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await manager.ClickAsync(".breadcrumb a");
        await manager.ClickAsync("main >> text=New meeting");
        var second = first.AddMonths(1);
        await Expect(manager.Locator("#Input_Date")).ToHaveValueAsync(Day(second));
        await Expect(manager.Locator("#Input_Title")).ToHaveValueAsync($"Sales North · {second.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        await manager.ClickAsync("button:has-text('Create meeting')");
        var secondUrl = manager.Url;
        await rep.GotoAsync(secondUrl + "/worksheet");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");

        // The first meeting's date was wrong: it is really a week after the second.
        await manager.GotoAsync(firstUrl);
        await manager.ClickAsync("#edit-meeting-link");
        await manager.AssertAccessibleAsync();
        var moved = second.AddDays(7);
        await manager.FillAsync("#Input_Date", Day(moved));
        await manager.ClickAsync("button:has-text('Save title and date')");
        await Expect(manager.Locator("main [role=status]").First).ToContainTextAsync("Meeting moved to");
        await Expect(manager.Locator("main [role=status]").First).ToContainTextAsync("follow-up");
        // Its "since last time" now compares with the second meeting; the second has no earlier one.
        Assert.Contains($"\"previousDate\":\"{Day(second)}\"", await TallyJsonAsync(manager, firstUrl), StringComparison.Ordinal);
        Assert.Contains("\"movement\":null", await TallyJsonAsync(manager, secondUrl), StringComparison.Ordinal);

        // A team no longer in use leaves the home page, read-only.
        await manager.GotoAsync(firstUrl);
        await manager.ClickAsync(".breadcrumb a");
        await manager.ClickAsync("#settings-link");
        await manager.AssertAccessibleAsync();
        await manager.ClickAsync("#archive-link");
        await manager.AssertAccessibleAsync();
        await manager.ClickAsync("#archive-team");
        await Expect(manager.Locator("#archived-teams")).ToContainTextAsync("Sales North");
        await manager.ScreenshotAsync("home-archived-team", output);
        await manager.AssertAccessibleAsync();

        await rep.GotoAsync("/");
        await Expect(rep.Locator("main")).ToContainTextAsync("Sales North is archived");
        await rep.GotoAsync(secondUrl + "/worksheet");
        await Expect(rep.Locator("#archived-banner")).ToContainTextAsync("This team is archived");
        // Read-only, not a form whose Save is only refused: nothing typed can be lost to a 409.
        await Expect(rep.Locator("button:has-text('Save my customers')")).ToBeDisabledAsync();
        await Expect(rep.Locator("#row-0-name")).ToBeDisabledAsync();
        Assert.True(await rep.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await manager.ClickAsync("#archived-teams a:has-text('Restore')");
        await manager.ClickAsync("#restore-team");
        await Expect(manager.Locator("main [role=status]").First).ToContainTextAsync("is restored");
        await rep.GotoAsync("/");
        await Expect(rep.Locator("main")).ToContainTextAsync("Sales North");
    }

    private static async Task<string> DateOfAsync(Microsoft.Playwright.IPage manager, string meetingUrl)
    {
        await manager.GotoAsync(meetingUrl + "/edit");
        return await manager.InputValueAsync("#Input_Date");
    }

    private static async Task<string> TallyJsonAsync(Microsoft.Playwright.IPage page, string meetingUrl)
    {
        var response = await page.APIRequest.GetAsync(meetingUrl + "/tally.json");
        return await response.TextAsync();
    }
}
