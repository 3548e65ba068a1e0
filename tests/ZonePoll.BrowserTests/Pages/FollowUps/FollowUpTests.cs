using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Web.FollowUps;
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
        await Expect(rep.Locator("#first-response")).ToHaveTextAsync("same day");
        await Expect(rep.Locator("#history")).ToContainTextAsync("Clarify: done");
        await rep.AssertAccessibleAsync();

        // The ticked step reaches both screens through the hub: no reload on either.
        await Expect(manager.Locator("#followups-table")).ToContainTextAsync("Fix it");
        await Expect(projector.Locator("#followups-line")).ToHaveTextAsync("Follow-ups: 2 open · 0 overdue · first response the same day (median)");
        Assert.True(await manager.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        Assert.True(await projector.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await manager.AssertAccessibleAsync();
        await projector.AssertAccessibleAsync();
    }

    [Fact]
    public async Task OnAPhoneInNewYorkTheFollowUpShowsWhyTheCustomerIsThereTimesInNewYorkAndTargetsAFingerCanHit()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, _) = await managerContext.ManagerWithMeetingAsync();
        await using var phoneContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            TimezoneId = "America/New_York",
        });

        // The first signed-in page reports the browser's zone; wait for that post rather than for a while.
        var zoneStored = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        phoneContext.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/account/time-zone", StringComparison.Ordinal))
            {
                zoneStored.TrySetResult(response.Status);
            }
        };
        var rep = await phoneContext.RepWhoJoinedAsync(invite, "Nora Phone");
        Assert.Equal(204, await zoneStored.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await rep.FillAsync("#row-0-name", "Greenleaf Dental");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.CheckAsync("#row-0-cause-Reliability");
        await rep.FillAsync("#row-0-note", "Felt ignored after price change");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await rep.GotoAsync("/");
        await rep.ClickAsync("#my-followups a:has-text('Greenleaf Dental')");
        var context = rep.Locator("#context");
        await Expect(context).ToContainTextAsync("Service Recovery");
        await Expect(context).ToContainTextAsync("placed by Nora Phone");
        await Expect(context).ToContainTextAsync("Reliability (we did not do what we said)");
        await Expect(context).ToContainTextAsync("Felt ignored after price change");

        // Each step's fields say which step they belong to.
        await Expect(rep.GetByLabel("Clarify: done on")).ToHaveCountAsync(1);
        await Expect(rep.GetByLabel("Clarify: note")).ToHaveCountAsync(1);
        await Expect(rep.GetByLabel("Fix it: note")).ToHaveCountAsync(1);

        // A finger-sized target for every tick (its label is part of it) and every button.
        var targets = await rep.Locator("#followup-form input[type=checkbox] + label, #followup-form button").AllAsync();
        Assert.Equal(4, targets.Count);
        foreach (var target in targets)
        {
            var box = await target.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width >= 44 && box.Height >= 44, $"{await target.TextContentAsync()}: {box.Width}×{box.Height}");
        }

        await rep.CheckAsync("#step-Clarify-done");
        await rep.FillAsync("#step-Clarify-note", "Called: the new price list never reached them.");
        await rep.ClickAsync("#followup-form button[type=submit]");
        await Expect(rep.Locator("#first-response")).ToHaveTextAsync("same day");
        await Expect(rep.Locator("#time-zone-note")).ToContainTextAsync("America/New_York");

        // The history's time is the instant in New York, with New York's offset beside it.
        var time = rep.Locator("#history time").First;
        var instant = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var newYork = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var offset = "UTC-" + newYork.Offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        await Expect(time).ToHaveTextAsync(newYork.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " " + offset);

        // Clarify done today (New York's today) moves Fix's due date three working days on.
        var due = FollowUpClock.AddWorkingDays(DateOnly.FromDateTime(newYork.DateTime), FollowUpClock.DefaultDueWorkingDays);
        await Expect(rep.Locator("#due")).ToContainTextAsync(due.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        await rep.ScreenshotAsync("followup-context-phone", output);
        await rep.AssertAccessibleAsync();
    }
}
