using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

public class PromptDataViewTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThePromptDataViewShowsWhatEachPromptAsksAboutLiveAndNamesOnlyWhenSwitchedOn()
    {
        await using var managerContext = await fixture.NewContextAsync(1920, 1080);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync(360, 740);
        var rep = await repContext.RepWhoJoinedAsync(invite, "Ravi Rep");
        await rep.FillAsync("#row-0-name", "Harbor Freight");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.SelectOptionAsync("#row-0-type", "Key");
        await rep.FillAsync("#row-1-name", "Beacon Labs");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.SelectOptionAsync("#row-1-type", "Growth");
        await rep.ClickAsync("button:has-text('Save my customers')");

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();

        // The first prompt (WOW) asks about the key accounts not yet delighted: counted, not named, while names are off.
        await projector.ClickAsync("#view-prompt");
        await Expect(projector.Locator("#view-prompt")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(projector.Locator("#prompt-data-heading")).ToHaveTextAsync("Key, growth and new accounts not yet in Service Surprises (2)");
        await Expect(projector.Locator("#bars")).ToBeHiddenAsync();
        await Expect(projector.Locator("#prompt-data-note")).ToContainTextAsync("names are off");
        Assert.DoesNotContain("Beacon", await projector.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await projector.ClickAsync("#names-toggle");
        await Expect(projector.Locator("#prompt-data-list li").First).ToHaveTextAsync("Harbor Freight (Key, Service Recovery)");
        await Expect(projector.Locator("#prompt-data-list li").Nth(1)).ToHaveTextAsync("Beacon Labs (Growth, Service Expectations)");
        await projector.ScreenshotAsync("present-prompt-data", output);
        await projector.AssertAccessibleAsync();

        // The second asks about Recovery, the third shows the bars themselves.
        await projector.ClickAsync("#prompt-next");
        await Expect(projector.Locator("#prompt-data-heading")).ToHaveTextAsync("In Service Recovery (1)");
        await projector.ClickAsync("#prompt-next");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();
        await Expect(projector.Locator("#prompt-data")).ToBeHiddenAsync();

        // The manager points the third prompt at the Three R's; the projector follows without a reload.
        await manager.GotoAsync(meetingUrl);
        await manager.SelectOptionAsync("#prompts ol li:nth-child(3) select", "ThreeRs");
        await manager.ClickAsync("#prompts ol li:nth-child(3) button:has-text('Save prompt')");
        await Expect(projector.Locator("#prompt-data-heading")).ToHaveTextAsync("The Three R's: customers who cite each");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("3 of 6");

        // Back on the tally view the bars are there whatever the prompt shows.
        await projector.ClickAsync("#view-tally");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();
        await Expect(projector.Locator("#prompt-data")).ToBeHiddenAsync();
    }
}
