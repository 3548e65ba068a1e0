using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>Issue 23, "fix what was typed wrong": renaming, re-dating and deleting a meeting.</summary>
public class MeetingEditTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly November = new(2026, 11, 26);

    private Task<Meeting> MeetingAsync(int id) => factory.WithDbAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));

    private static async Task<HttpResponseMessage> EditAsync(HttpClient manager, int meetingId, string? title, string? date)
    {
        var page = await manager.GetDocumentAsync($"/meetings/{meetingId}/edit");
        return await manager.SubmitAsync(page.Form("#rename-form"), new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.Date"] = date });
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient manager, int meetingId, string? confirmTitle)
    {
        var page = await manager.GetDocumentAsync($"/meetings/{meetingId}/edit");
        var values = confirmTitle is null ? null : new Dictionary<string, string?> { ["confirmTitle"] = confirmTitle };
        return await manager.SubmitAsync(page.Form("#delete-form"), values);
    }

    [Fact]
    public async Task ManagerRenamesAndRedatesAMeeting()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);

        using var response = await EditAsync(manager, team.MeetingId, "  November review  ", "2026-11-27");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var meeting = await MeetingAsync(team.MeetingId);
        Assert.Equal(("November review", new DateOnly(2026, 11, 27)), (meeting.Title, meeting.Date));
        var dashboard = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.Equal("November review", dashboard.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task RedatingAMeetingStillTitledAsProposedMovesTheDateInItsTitleButKeepsATitleTheManagerChose()
    {
        var team = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        var manager = factory.CreateClientFor(team.ManagerId);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Title, "Sales East · 26 November 2026")));

        using (await EditAsync(manager, team.MeetingId, "Sales East · 26 November 2026", "2026-11-27"))
        {
        }

        Assert.Equal("Sales East · 27 November 2026", (await MeetingAsync(team.MeetingId)).Title);
        using (await EditAsync(manager, team.MeetingId, "Kick-off · 27 November 2026", "2026-11-28"))
        {
        }

        Assert.Equal("Kick-off · 27 November 2026", (await MeetingAsync(team.MeetingId)).Title);
    }

    [Theory]
    [InlineData("", "2026-11-27", "Input.Title", "Give the meeting a title")]
    [InlineData("Moved", "", "Input.Date", "Pick the meeting's date")]
    [InlineData("Moved", "1999-12-31", "Input.Date", "from 1 January 2000 on")]
    [InlineData("Moved", "9999-12-31", "Input.Date", "within 5 years")]
    [InlineData("Moved", "2026-12-10", "Input.Date", "\"Clashing meeting\" is already on 10 December 2026: pick another day")]
    [InlineData("Moved\u202E", "2026-11-27", "Input.Title", "direction of the text")]
    public async Task AWrongTitleOrDateIsRefusedBesideItsFieldWithWhatWasTypedKept(string title, string date, string field, string message)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 10), "Clashing meeting");
        var manager = factory.CreateClientFor(team.ManagerId);

        using var response = await EditAsync(manager, team.MeetingId, title, date);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains(message, shown.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(title, shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal(date, shown.QuerySelector<IHtmlInputElement>("#Input_Date")!.Value);
        var meeting = await MeetingAsync(team.MeetingId);
        Assert.Equal(("November meeting", November), (meeting.Title, meeting.Date));
    }

    [Fact]
    public async Task ALockedMeetingKeepsItsTitleAndDate()
    {
        var team = await factory.CreateTeamAsync(reps: 0, status: MeetingStatus.Locked);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/edit");
        Assert.Null(page.QuerySelector("#rename-form"));
        Assert.NotNull(page.QuerySelector("#locked-note"));

        // A form loaded before the lock, posted after it.
        using var response = await manager.PostAsync($"/meetings/{team.MeetingId}/edit", new FormUrlEncodedContent(
        [
            new("Input.Title", "Sneaky"), new("Input.Date", "2026-11-27"),
            new("__RequestVerificationToken", page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value),
        ]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("locked", (await HtmlForms.ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("November meeting", (await MeetingAsync(team.MeetingId)).Title);
    }

    [Fact]
    public async Task AMeetingWithoutListsIsDeletedAtOnce()
    {
        var team = await factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Draft);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/edit");
        Assert.Null(page.QuerySelector("#confirmTitle"));

        using var response = await DeleteAsync(manager, team.MeetingId, null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/teams/{team.TeamId}", response.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.Meetings.AnyAsync(m => m.Id == team.MeetingId)));
        Assert.False(await factory.WithDbAsync(db => db.MeetingPrompts.AnyAsync(p => p.MeetingId == team.MeetingId)));
    }

    [Fact]
    public async Task AMeetingWithListsListsWhatItRemovesAndIsDeletedOnlyAfterItsTitleIsTyped()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var manager = factory.CreateClientFor(team.ManagerId);
        await factory.CreateClientFor(team.RepIds[0])
            .SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late"), ("Beta", "Expectations", "New", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Gamma", "Recovery", "Standard", null));
        // Someone already worked on Gamma's follow-up: that work stays.
        var gamma = await factory.CustomerIdAsync(team.TeamId, "gamma");
        var worked = await factory.WithDbAsync(async db =>
        {
            var followUp = await db.FollowUps.SingleAsync(f => f.CustomerId == gamma);
            followUp.ClarifiedOn = November;
            await db.SaveChangesAsync();
            return followUp.Id;
        });

        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/edit");
        var removes = page.QuerySelector("#delete-removes")!.TextContent;
        Assert.Contains("2 reps' lists with 3 customer entries", removes, StringComparison.Ordinal);
        Assert.Contains("its 6 prompts", removes, StringComparison.Ordinal);
        Assert.Contains("1 follow-up its saves opened that nobody has started", removes, StringComparison.Ordinal);
        Assert.Contains("2 customers on no other list", removes, StringComparison.Ordinal);
        Assert.Contains("1 follow-up it opened already has work on it and stays", page.QuerySelector("#delete-form")!.ParentElement!.TextContent,
            StringComparison.Ordinal);

        foreach (var typed in new[] { "", "november meeting" })
        {
            using var refused = await DeleteAsync(manager, team.MeetingId, typed);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var shown = await HtmlForms.ParseAsync(refused);
            Assert.Contains("title", shown.QuerySelector("[data-valmsg-for='confirmTitle']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(typed, shown.QuerySelector<IHtmlInputElement>("#confirmTitle")!.Value);
        }

        Assert.True(await factory.WithDbAsync(db => db.Meetings.AnyAsync(m => m.Id == team.MeetingId)));

        using var response = await DeleteAsync(manager, team.MeetingId, "November meeting");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var left = await factory.WithDbAsync(async db => new
        {
            Meetings = await db.Meetings.CountAsync(m => m.TeamId == team.TeamId),
            Worksheets = await db.Worksheets.CountAsync(w => w.MeetingId == team.MeetingId),
            Entries = await db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId)),
            FollowUps = await db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.Id).ToListAsync(),
            Customers = await db.Customers.Where(c => c.TeamId == team.TeamId).Select(c => c.Id).ToListAsync(),
        });
        Assert.Equal((0, 0, 0), (left.Meetings, left.Worksheets, left.Entries));
        Assert.Equal([worked], left.FollowUps);
        // Acme and Beta were on this meeting's lists alone; Gamma's follow-up, with work on it, keeps its customer.
        Assert.Equal([gamma], left.Customers);
        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains(
            "with 2 reps' lists, 3 customer entries, 1 follow-up nobody had started, 2 customers on no other list",
            teamPage.QuerySelector("[role=status]")!.TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedatingMovesTheFollowUpsItsSavesOpenedUnlessTheirDueDateWasChosenByHand()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "Key", null));
        var beta = await factory.CustomerIdAsync(team.TeamId, "beta");
        var handPicked = new DateOnly(2026, 12, 24);
        await factory.WithDbAsync(db => db.FollowUps.Where(f => f.CustomerId == beta).ExecuteUpdateAsync(s => s.SetProperty(f => f.DueOn, handPicked)));

        // From Thursday 26 November to Friday 4 December: three working days on is Wednesday 9 December.
        using var response = await EditAsync(manager, team.MeetingId, "November meeting", "2026-12-04");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var followUps = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId)
            .Select(f => new { f.CustomerId, f.DueOn, History = f.History.Select(h => h.Text).ToList() })
            .ToListAsync());
        var acme = followUps.Single(f => f.CustomerId != beta);
        Assert.Equal(new DateOnly(2026, 12, 9), acme.DueOn);
        Assert.Contains(acme.History, h => h.Contains("Due date moved from 1 Dec 2026 to 9 Dec 2026", StringComparison.Ordinal));
        Assert.Equal(handPicked, followUps.Single(f => f.CustomerId == beta).DueOn);
    }

    /// <summary>
    /// The loop: November's lists, December's carried forward with a move up and a loss. Re-dating November after December
    /// swaps which is "last time": every served tally equals a fresh build, and the numbers are the swapped ones.
    /// </summary>
    [Fact]
    public async Task RedatingAMeetingPastAnotherRecomputesEveryMeetingsSinceLastTimeAndChurn()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var manager = factory.CreateClientFor(team.ManagerId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(
            team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Expectations", "New", null), ("Gamma", "Surprises", "Key", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Delta", "Expectations", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 10));
        await rep.SaveCarriedForwardAsync(december, 2, await factory.CustomerIdAsync(team.TeamId, "gamma"), "LostToCompetitor",
            new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(december, ("Delta", "Surprises", "Standard", null));
        var before = await FreshAsync(december);
        Assert.Equal((November, 3, 2, 1), (before.Movement!.PreviousDate, before.Movement.Compared, before.Movement.Up, before.Churn!.Lost));
        await ServedAsync(manager, team.MeetingId);
        await ServedAsync(manager, december);

        using var response = await EditAsync(manager, team.MeetingId, "November meeting", "2026-12-17");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var meeting in new[] { team.MeetingId, december })
        {
            Assert.Equal(Json(await FreshAsync(meeting)), await ServedAsync(manager, meeting));
        }

        // December is now the first meeting: nothing to compare with, nobody lost.
        var first = await FreshAsync(december);
        Assert.Null(first.Movement);
        Assert.Null(first.Churn);
        // The old November list, dated after December, compares with it: Acme and Delta went down from Surprises.
        var moved = await FreshAsync(team.MeetingId);
        Assert.Equal((new DateOnly(2026, 12, 10), 3, 2, 0), (moved.Movement!.PreviousDate, moved.Movement.Compared, moved.Movement.Down, moved.Movement.Up));
    }

    [Fact]
    public async Task ARepCannotOpenRenameOrDeleteAMeeting()
    {
        var team = await factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Draft);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var token = (await rep.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var page = await rep.GetAsync($"/meetings/{team.MeetingId}/edit");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        foreach (var handler in new[] { "", "?handler=Delete" })
        {
            using var response = await rep.PostAsync($"/meetings/{team.MeetingId}/edit{handler}", new FormUrlEncodedContent(
                [new("Input.Title", "Mine now"), new("Input.Date", "2026-11-27"), new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var meeting = await MeetingAsync(team.MeetingId);
        Assert.Equal("November meeting", meeting.Title);
    }

    private async Task<TallySnapshot> FreshAsync(int meetingId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TallyQuery>().BuildAsync(meetingId, CancellationToken.None))!;
    }

    private string Json(TallySnapshot snapshot) =>
        JsonSerializer.Serialize(snapshot, factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

    private static async Task<string> ServedAsync(HttpClient manager, int meetingId)
    {
        using var response = await manager.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
