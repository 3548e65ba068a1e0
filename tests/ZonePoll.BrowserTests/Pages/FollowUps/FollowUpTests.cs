using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.FollowUps;

public class FollowUpTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ARepTicksClarifyOnAPhoneAndTheManagersPageAndProjectorUpdateWithoutAReload()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var phoneContext = await fixture.NewContextAsync(390, 844);
        var rep = await phoneContext.RepWhoJoinedAsync(invite, "Priya Phone");
        await rep.FillAsync("#row-0-name", "Müller GmbH");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.CheckAsync("#row-0-cause-Reliability");
        await rep.FillAsync("#row-1-name", "Harbor Logistics");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.CheckAsync("#row-1-pinch");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await manager.GotoAsync(meetingUrl);
        await Expect(manager.Locator("#followups-table tbody tr")).ToHaveCountAsync(2);
        await Expect(manager.Locator("#followups-table")).ToContainTextAsync("Clarify");
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#reveal-toggle");
        await Expect(projector.Locator("#followups-line")).ToHaveTextAsync("Follow-ups: 2 open · 0 overdue");
        await manager.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await projector.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await rep.GotoAsync("/");
        await Expect(rep.Locator("#my-followups li")).ToHaveCountAsync(2);
        await rep.ScreenshotAsync("home-followups-phone", output);
        await rep.ClickAsync("#my-followups a:has-text('Müller GmbH')");
        await rep.CheckAsync("#step-Clarify-done");
        await rep.FillAsync("#step-Clarify-note", "Two late deliveries: the depot move. Credit note agreed.");
        await rep.ClickAsync("#followup-form button[type=submit]");
        await Expect(rep.Locator("#first-response")).ToHaveTextAsync("after 0 working days");
        await Expect(rep.Locator("#history")).ToContainTextAsync("Clarify: done");
        await rep.AssertAccessibleAsync();

        // The ticked step reaches both screens through the hub: no reload on either.
        await Expect(manager.Locator("#followups-table")).ToContainTextAsync("Fix it");
        await Expect(projector.Locator("#followups-line")).ToHaveTextAsync("Follow-ups: 2 open · 0 overdue · first response in a median of 0 working days");
        Assert.True(await manager.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        Assert.True(await projector.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await manager.AssertAccessibleAsync();
        await projector.AssertAccessibleAsync();
    }
}
