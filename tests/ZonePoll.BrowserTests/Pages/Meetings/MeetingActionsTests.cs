using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>Issue 23, item 5: a rep on a 360 px phone adds an action the meeting agreed, once the manager has revealed the results.</summary>
public class MeetingActionsTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";
    private const string SelectedText = "s => s.options[s.selectedIndex].text";

    [Fact]
    public async Task ARepOnAPhoneAddsAnActionAfterTheRevealAndARefusalKeepsWhatTheyChose()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var phone = await fixture.NewContextAsync(360, 740);
        var priya = await phone.RepWhoJoinedAsync(invite, "Priya Phone");
        await priya.FillAsync("#row-0-name", "Harbor Freight");
        await priya.CheckAsync("#row-0-zone-Recovery");
        await priya.ClickAsync("button:has-text('Save my customers')");
        var results = new Uri(meetingUrl).AbsolutePath + "/results";

        await priya.GotoAsync(results);
        await Expect(priya.Locator("#actions-not-yet")).ToBeVisibleAsync();
        await Expect(priya.Locator("#action-form")).ToHaveCountAsync(0);

        await manager.ClickAsync("#reveal-toggle");
        await Expect(manager.Locator("#reveal-toggle")).ToContainTextAsync("Hide the numbers");
        await priya.GotoAsync(results);
        var due = await priya.InputValueAsync("#action-due");
        Assert.Equal("Priya Phone", await priya.EvalOnSelectorAsync<string>("#action-owner", SelectedText));
        await priya.SelectOptionAsync("#action-customer", new SelectOptionValue { Label = "Harbor Freight" });

        await priya.ClickAsync("#action-add");
        await Expect(priya.Locator("#action-text-error")).ToContainTextAsync("Say what was agreed");
        Assert.Equal("Priya Phone", await priya.EvalOnSelectorAsync<string>("#action-owner", SelectedText));
        Assert.Equal(due, await priya.InputValueAsync("#action-due"));
        Assert.Equal("Harbor Freight", await priya.EvalOnSelectorAsync<string>("#action-customer", SelectedText));
        Assert.True(await priya.EvaluateAsync<bool>(NoSidewaysScroll), "The refused action form scrolls sideways on a phone.");
        await priya.AssertAccessibleAsync();

        await priya.FillAsync("#action-text", "Call Harbor about the delivery delay");
        await priya.ClickAsync("#action-add");
        await Expect(priya.Locator("#meeting-actions li")).ToHaveCountAsync(1);
        await Expect(priya.Locator("#meeting-actions")).ToContainTextAsync("Call Harbor about the delivery delay");
        await Expect(priya.Locator("#meeting-actions")).ToContainTextAsync("Harbor Freight");
        await Expect(priya.Locator("#action-text")).ToHaveValueAsync("");
        Assert.True(await priya.EvaluateAsync<bool>(NoSidewaysScroll), "The actions list scrolls sideways on a phone.");
        await priya.ScreenshotAsync("rep-actions-phone", output);
        await priya.AssertAccessibleAsync();

        // The manager's dashboard lists it too, with its Done button.
        await manager.GotoAsync(meetingUrl);
        await Expect(manager.Locator("#meeting-actions")).ToContainTextAsync("Priya Phone");
        await manager.Locator("#actions").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-actions-laptop.png") });
        await manager.AssertAccessibleAsync();
    }
}
