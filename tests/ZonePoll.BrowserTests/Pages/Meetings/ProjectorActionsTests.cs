using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>Issue 23, actions on the projector: the "Actions" view and the strip under the bars, live.</summary>
public class ProjectorActionsTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // "Appears within a second": the add must show on the projector in this time.
    private const float WithinASecond = 1000;

    [Fact]
    public async Task AnActionAddedWhileTheProjectorIsOpenShowsWithinASecondAndTheRemoteSwitchesToTheActionsView()
    {
        var team = await fixture.App.CreateTeamAsync(reps: 2);
        await using var managerContext = await ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.ManagerId, 1280, 720);
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync($"/meetings/{team.MeetingId}/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        // Nothing agreed and no earlier meeting: no strip taking a line from the bars.
        await Expect(projector.Locator("#actions-line")).ToBeHiddenAsync();
        await projector.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // The manager's phone: a second browser switches the projector to the Actions view.
        await using var phoneContext = await ManagerContextAsync(fixture.Browser, fixture.BaseAddress, team.ManagerId, 360, 740);
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"/meetings/{team.MeetingId}/remote");
        await Expect(phone.Locator("#remote-status")).ToContainTextAsync("Connected");
        await phone.ClickAsync("#remote-view-actions");
        await Expect(projector.Locator("#view-actions")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = WithinASecond });
        await Expect(projector.Locator("#actions")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await Expect(projector.Locator("#results")).ToBeHiddenAsync();
        await Expect(phone.Locator("#remote-view-actions")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(projector.Locator("#actions-none")).ToBeVisibleAsync();
        await Expect(projector.Locator("#actions-last-meeting")).ToHaveTextAsync("No earlier meeting agreed any actions.");

        var check = await AddActionAsync(fixture.App, team, "Call Harbor about the delivery delay", team.RepIds[0], days: 7);
        Assert.True(check.IsValid, string.Join("; ", check.Errors.Select(e => e.Message)));
        var first = projector.Locator("#actions-list li").First;
        await Expect(first).ToContainTextAsync("Call Harbor about the delivery delay", new() { Timeout = WithinASecond });
        // Due in a week, so not overdue: its owner and date, and no customer or prompt as none was named.
        await Expect(first.Locator(".action-meta")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Rep 1 · by \d{1,2} [A-Z][a-z]{2,3}( \d{4})?$"));
        await Expect(projector.Locator("#actions-count")).ToHaveTextAsync("(1)");
        await Expect(projector.Locator("#actions-none")).ToBeHiddenAsync();

        // The next one goes on top, and the strip on the tally view counts both.
        await AddActionAsync(fixture.App, team, "Send Beacon the new price list", team.RepIds[1], days: 14);
        await Expect(first).ToContainTextAsync("Send Beacon the new price list", new() { Timeout = WithinASecond });
        await projector.Keyboard.PressAsync("1");
        await Expect(projector.Locator("#actions-line")).ToHaveTextAsync("Actions: 2 agreed");
        // Key 4 is the fourth view button, as 1 to 3 are the others.
        await projector.Keyboard.PressAsync("4");
        await Expect(projector.Locator("#actions")).ToBeVisibleAsync();
        await Expect(phone.Locator("#remote-view-actions")).ToHaveAttributeAsync("aria-pressed", "true");

        // Its owner marks the first done: ticked on the projector, and counted in the strip.
        var firstId = await fixture.App.WithDbAsync(db => db.MeetingActions.Where(a => a.MeetingId == team.MeetingId).MinAsync(a => a.Id));
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<MeetingActions>().SetDoneAsync(
                team.TeamId, firstId.ToString(System.Globalization.CultureInfo.InvariantCulture), team.RepIds[0], false, true,
                DateOnly.FromDateTime(DateTime.Now), CancellationToken.None);
            Assert.Equal(ActionDoneResult.Saved, result);
        }

        var done = projector.Locator("#actions-list li").Nth(1);
        await Expect(done).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-done\b"), new() { Timeout = WithinASecond });
        await Expect(done.Locator(".action-mark")).ToHaveTextAsync("\u2713");
        await Expect(projector.Locator("#actions-line")).ToHaveTextAsync("Actions: 2 agreed, 1 done");

        // The dashboard's view buttons drive it too.
        var dashboard = await managerContext.NewPageAsync();
        await dashboard.GotoAsync($"/meetings/{team.MeetingId}");
        await dashboard.ClickAsync("#dashboard-view-tally");
        await Expect(projector.Locator("#results")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await dashboard.ClickAsync("#dashboard-view-actions");
        await Expect(projector.Locator("#actions")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await Expect(dashboard.Locator("#dashboard-view-actions")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await projector.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await projector.AssertAccessibleAsync();
        await phone.AssertAccessibleAsync();
        await projector.ScreenshotAsync("projector-actions-live-1280x720", output);
    }

    /// <summary>A browser signed in through the test sign-in header, as <see cref="ProjectorRoom.ManagerContextAsync"/> signs in.</summary>
    public static Task<IBrowserContext> ManagerContextAsync(IBrowser browser, Uri baseAddress, string userId, int width, int height) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = userId },
        });

    /// <summary>
    /// Adds an action as the manager, through the app's own service (the forms that call it are another page's), due
    /// <paramref name="days"/> after today: the projector marks what is past due as overdue.
    /// </summary>
    public static async Task<ActionCheck> AddActionAsync(ZonePollFactory app, TeamSetup team, string text, string ownerId, int days)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var due = today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePoll.Web.Data.ZonePollDbContext>();
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == team.MeetingId)
            .Select(m => new MeetingAccessResult(m.Id, m.Title, m.Date, m.Status, m.TeamId, m.Team!.Name, TeamRole.Manager, m.TallyVersion, false))
            .SingleAsync();
        var actions = scope.ServiceProvider.GetRequiredService<MeetingActions>();
        return await actions.AddAsync(meeting, team.ManagerId, new ActionForm(text, ownerId, due, null, null), today, CancellationToken.None);
    }
}
