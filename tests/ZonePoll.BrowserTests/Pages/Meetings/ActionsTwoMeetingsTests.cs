using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>
/// Issue 23, item 5, end to end over two meetings: a rep on a 360 px phone adds an action about a Recovery customer
/// after the reveal; the projector, the manager's dashboard and phone remote follow without a reload; the handout
/// prints it; its owner ticks it done from home, beside one gone overdue; and the next meeting opens on "Last time's
/// actions: 1 of 2 done".
/// </summary>
public class ActionsTwoMeetingsTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // "Appears within a second" on the projector.
    private const float WithinASecond = 1000;
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";
    private const string Agreed = "Call Harbor Freight about the late delivery";
    private const string Slipped = "Send Contoso the new price list";

    // A .table-responsive box scrolls its table inside the page, which the page's own width does not show.
    private static string TableBoxFits(string table) =>
        $"() => {{ const box = document.getElementById('{table}').parentElement; return box.scrollWidth <= box.clientWidth; }}";

    [Fact]
    public async Task ARepsPhoneActionReachesEveryScreenLiveThenTheHandoutAndTheNextMeetingCountsItDone()
    {
        var team = await fixture.App.CreateTeamAsync(reps: 2);
        var meeting = $"/meetings/{team.MeetingId}";
        await using var laptop = await ProjectorActionsTests.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.ManagerId, 1280, 720);
        await using var managerPhone = await ProjectorActionsTests.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.ManagerId, 360, 740);
        await using var repPhone = await ProjectorActionsTests.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.RepIds[0], 360, 740);
        await using var otherLaptop = await ProjectorActionsTests.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.RepIds[1], 1280, 720);

        // The reps fill in, one on a phone.
        var rep = await repPhone.NewPageAsync();
        await rep.GotoAsync($"{meeting}/worksheet");
        await rep.FillAsync("#row-0-name", "Harbor Freight");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 1 customer");
        var other = await otherLaptop.NewPageAsync();
        await other.GotoAsync($"{meeting}/worksheet");
        await other.FillAsync("#row-0-name", "Contoso Ltd");
        await other.CheckAsync("#row-0-zone-Expectations");
        await other.ClickAsync("button:has-text('Save my customers')");
        await Expect(other.Locator("body")).ToContainTextAsync("Saved 1 customer");

        // The manager: dashboard on the laptop, projector on the wall, remote in hand; then the reveal.
        var dashboard = await laptop.NewPageAsync();
        await dashboard.GotoAsync(meeting);
        await dashboard.ClickAsync("#reveal-toggle");
        await Expect(dashboard.Locator("#reveal-toggle")).ToContainTextAsync("Hide the numbers");
        await Expect(dashboard.Locator("#no-actions")).ToBeVisibleAsync();
        await Expect(dashboard.Locator("#dashboard-prompt")).ToContainTextAsync("The projectors show prompt");
        await dashboard.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var projector = await laptop.NewPageAsync();
        await projector.GotoAsync($"{meeting}/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        var remote = await managerPhone.NewPageAsync();
        await remote.GotoAsync($"{meeting}/remote");
        await Expect(remote.Locator("#remote-status")).ToContainTextAsync("Connected");
        await Expect(remote.Locator("#remote-actions-count")).ToHaveTextAsync("(0 agreed so far)");

        // The manager's phone lists the meeting's follow-ups a block each, nothing wider than the screen.
        var phoneDashboard = await managerPhone.NewPageAsync();
        await phoneDashboard.GotoAsync(meeting);
        await Expect(phoneDashboard.Locator("#followups-table")).ToContainTextAsync("Harbor Freight");
        Assert.True(await phoneDashboard.EvaluateAsync<bool>(TableBoxFits("followups-table")), "The meeting's follow-ups are wider than a phone.");
        await phoneDashboard.ScreenshotAsync("two-meetings-manager-followups-360", output);
        await phoneDashboard.CloseAsync();

        // The rep, on their results page, agrees to call their Recovery customer.
        await rep.GotoAsync($"{meeting}/results");
        await Expect(rep.Locator("#action-form")).ToBeVisibleAsync();
        await rep.FillAsync("#action-text", Agreed);
        await rep.SelectOptionAsync("#action-customer", new SelectOptionValue { Label = "Harbor Freight" });
        await rep.ClickAsync("#action-add");
        await Expect(projector.Locator("#actions-line")).ToHaveTextAsync("Actions: 1 agreed", new() { Timeout = WithinASecond });
        await Expect(rep.Locator("#meeting-actions")).ToContainTextAsync(Agreed);
        Assert.True(await rep.EvaluateAsync<bool>(NoSidewaysScroll), "The results page with an action scrolls sideways on a phone.");
        await rep.ScreenshotAsync("two-meetings-rep-results-360", output);
        await rep.AssertAccessibleAsync();

        // The dashboard and the remote follow without a reload; key 4 puts the list on the wall.
        await Expect(dashboard.Locator("#meeting-actions")).ToContainTextAsync(Agreed);
        await Expect(dashboard.Locator("#actions-count")).ToHaveTextAsync("1 agreed in this meeting: 1 open, 0 done.");
        Assert.True(await dashboard.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The dashboard reloaded.");
        await Expect(remote.Locator("#remote-actions-count")).ToHaveTextAsync("(1 agreed so far)");
        await remote.AssertAccessibleAsync();
        await projector.Keyboard.PressAsync("4");
        await Expect(projector.Locator("#actions-list li").First).ToContainTextAsync(Agreed);

        // The manager adds one from the phone too, for the same rep; it slips past its date before the next meeting (no
        // form takes a date already past, so the database moves it). Someone tabbing through the dashboard's list keeps
        // their place on the first action's Done as the list is swapped under them.
        await dashboard.FocusAsync("#meeting-actions li form button");
        await remote.FillAsync("#action-text", Slipped);
        await remote.SelectOptionAsync("#action-owner", new SelectOptionValue { Label = "Rep 1" });
        await remote.ClickAsync("#action-add");
        await Expect(remote.Locator("#remote-actions-count")).ToHaveTextAsync("(2 agreed so far)");
        await Expect(dashboard.Locator("#meeting-actions li")).ToHaveCountAsync(2);
        Assert.Equal(Agreed, await dashboard.EvaluateAsync<string>(
            "() => document.activeElement.closest('li') ? document.activeElement.closest('li').querySelector('.action-what').textContent.trim() : ''"));
        await fixture.App.WithDbAsync(db => db.MeetingActions.Where(a => a.TeamId == team.TeamId && a.Text == Slipped)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, DateOnly.FromDateTime(DateTime.Now).AddDays(-3))));
        await fixture.App.TalliesChangedAsync(team.TeamId);

        // The handout prints it (PdfText, as the handout's own tests read it).
        var download = await dashboard.RunAndWaitForDownloadAsync(() => dashboard.ClickAsync("#handout-link"));
        await using (var pdf = await download.CreateReadStreamAsync())
        {
            using var bytes = new MemoryStream();
            await pdf.CopyToAsync(bytes);
            Assert.True(new PdfText(bytes.ToArray()).Contains(Agreed), "The handout does not list the action.");
        }

        // Its owner ticks it done from home, and finds it on the customer's history.
        await rep.GotoAsync("/");
        await Expect(rep.Locator("#my-actions")).ToContainTextAsync(Agreed);
        await Expect(rep.Locator("#my-actions li.list-group-item-danger")).ToContainTextAsync(Slipped);
        Assert.True(await rep.EvaluateAsync<bool>(NoSidewaysScroll), "The home page scrolls sideways on a phone.");
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync($"#my-actions button[aria-label='Mark done: {Agreed}']");
        await Expect(rep.Locator("#my-actions li")).ToHaveCountAsync(1);
        await Expect(projector.Locator("#actions-list li", new() { HasText = Agreed })).ToHaveClassAsync(
            new System.Text.RegularExpressions.Regex(@"\bis-done\b"), new() { Timeout = WithinASecond });
        var harbor = await fixture.App.WithDbAsync(db =>
            db.Customers.Where(c => c.TeamId == team.TeamId && c.Name == "Harbor Freight").Select(c => c.Id).SingleAsync());
        await rep.GotoAsync($"/teams/{team.TeamId}/customers/{harbor}");
        await Expect(rep.Locator("#history-table")).ToContainTextAsync(Agreed);
        Assert.True(await rep.EvaluateAsync<bool>(NoSidewaysScroll), "The customer history scrolls sideways on a phone.");
        Assert.True(await rep.EvaluateAsync<bool>(TableBoxFits("history-table")), "The customer history table is wider than a phone.");
        await rep.ScreenshotAsync("two-meetings-customer-history-360", output);
        await rep.AssertAccessibleAsync();

        // Meeting 2: the manager opens the next one, which starts from what became of last time's.
        await dashboard.GotoAsync($"/teams/{team.TeamId}");
        await dashboard.ClickAsync("main >> text=New meeting");
        await dashboard.FillAsync("#Input_Title", "December meeting");
        await dashboard.ClickAsync("button:has-text('Create meeting')");
        await Expect(dashboard.Locator("h1")).ToHaveTextAsync("December meeting");
        await Expect(dashboard.Locator("#last-time-line")).ToHaveTextAsync("Last time's actions: 1 of 2 done");
        await Expect(dashboard.Locator("#last-time-open")).ToContainTextAsync(Slipped);
        await Expect(dashboard.Locator("#last-time-open")).ToContainTextAsync("Overdue");
        // Axe on the laptop once, here: the "last time" block's Done button on its grey ground.
        await dashboard.AssertAccessibleAsync();
    }
}
