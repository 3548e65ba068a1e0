using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>A load that reuses the rows of an earlier one re-reads only what moved, and builds what a fresh load builds.</summary>
public class TallyQueryTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly December = new(2026, 12, 24);

    private Task<TallyLoad> LoadAsync(int meetingId, TallyRows? reuse) =>
        factory.WithDbAsync(async db => (await new TallyQuery(db, TimeProvider.System).LoadAsync(meetingId, reuse, CancellationToken.None))!);

    private static string Json(TallyLoad load)
    {
        var options = new JsonSerializerOptions();
        TallyEndpoints.Configure(options);
        return JsonSerializer.Serialize(TallyBuilder.Build(load.Input), options);
    }

    private Task<Dictionary<string, int>> SheetsAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Worksheets.Where(w => w.MeetingId == meetingId).ToDictionaryAsync(w => w.RepId, w => w.Id));

    /// <summary>Three reps with worksheets at the team's November meeting and at a December one.</summary>
    private async Task<(TeamSetup Team, int December, HttpClient[] Reps)> TwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        var december = await factory.CreateMeetingAsync(team.TeamId, December);
        var reps = team.RepIds.Select(factory.CreateClientFor).ToArray();
        for (var i = 0; i < reps.Length; i++)
        {
            await reps[i].SaveWorksheetAsync(team.MeetingId, ($"Acme {i}", "Recovery", "Key", null), ("Shared Co", "Expectations", "Standard", null));
            await reps[i].SaveWorksheetAsync(december, ($"Acme {i}", "Expectations", "Key", null), ("Shared Co", "Surprises", "Standard", $"Note {i}"));
        }

        return (team, december, reps);
    }

    [Fact]
    public async Task AfterOneRepSavesOnlyTheirWorksheetIsReadAgainAndTheSnapshotMatchesAFreshLoad()
    {
        var (team, december, reps) = await TwoMeetingsAsync();
        var first = await LoadAsync(december, reuse: null);

        await reps[1].SaveWorksheetAsync(
            december,
            ("Acme 1", "Recovery", "Key", "Called twice, no answer"),
            ("Shared Co", "Surprises", "Standard", null),
            ("New Co", "Surprises", "Growth", null));
        var reused = await LoadAsync(december, first.Rows);
        var fresh = await LoadAsync(december, reuse: null);

        Assert.Equal(fresh.Input.Entries, reused.Input.Entries);
        Assert.Equal(Json(fresh), Json(reused));
        Assert.Contains(reused.Input.Entries, e => e.Note == "Called twice, no answer");
        var sheets = await SheetsAsync(december);
        Assert.Same(first.Rows.Sheets[sheets[team.RepIds[0]]], reused.Rows.Sheets[sheets[team.RepIds[0]]]);
        Assert.Same(first.Rows.Sheets[sheets[team.RepIds[2]]], reused.Rows.Sheets[sheets[team.RepIds[2]]]);
        Assert.NotSame(first.Rows.Sheets[sheets[team.RepIds[1]]], reused.Rows.Sheets[sheets[team.RepIds[1]]]);
        // November did not change, so its lists (the movement's "before") were kept too.
        Assert.Same(first.Rows.Earlier, reused.Rows.Earlier);
    }

    [Fact]
    public async Task AChangeAtAnEarlierMeetingIsReadAgainForTheMovement()
    {
        var (team, december, reps) = await TwoMeetingsAsync();
        var first = await LoadAsync(december, reuse: null);

        await reps[0].SaveWorksheetAsync(team.MeetingId, ("Acme 0", "Surprises", "Key", null), ("Shared Co", "Expectations", "Standard", null));
        var reused = await LoadAsync(december, first.Rows);
        var fresh = await LoadAsync(december, reuse: null);

        Assert.NotSame(first.Rows.Earlier, reused.Rows.Earlier);
        Assert.Equal(fresh.Input.Previous, reused.Input.Previous);
        Assert.Equal(Json(fresh), Json(reused));
        Assert.Equal(1, TallyBuilder.Build(reused.Input).Movement!.Down);
    }

    [Fact]
    public async Task AListEmptiedWithReasonsIsThePreviousListForMovementAndChurnAtTheNextMeeting()
    {
        // One rep: November's list, all of it dropped in December, one old customer back in January.
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Expectations", "Key", null), ("Shared Co", "Recovery", "Standard", null));
        var ids = new[] { await factory.CustomerIdAsync(team.TeamId, "acme"), await factory.CustomerIdAsync(team.TeamId, "shared co") };
        var december = await factory.CreateMeetingAsync(team.TeamId, December);
        await rep.DropEverythingAsync(december, ids, "LostToCompetitor");
        var january = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 1, 28), "January meeting");
        await rep.SaveWorksheetAsync(january, ("Acme", "Surprises", "Key", null));

        var atDecember = TallyBuilder.Build((await LoadAsync(december, reuse: null)).Input);
        var atJanuary = TallyBuilder.Build((await LoadAsync(january, reuse: null)).Input);

        // December counts both losses against November's two customers.
        Assert.Equal((2, 2), (atDecember.Churn!.Lost, atDecember.Churn.Base));
        // January compares with December's empty list, not with November's: Acme is back, not "moved up".
        Assert.Equal(December, atJanuary.Movement!.PreviousDate);
        Assert.Equal(0, atJanuary.Movement.Compared);
        Assert.Empty(atJanuary.Movement.Reps);
        Assert.Equal((December, 0, 0), (atJanuary.Churn!.PreviousDate, atJanuary.Churn.Lost, atJanuary.Churn.Base));
    }

    [Fact]
    public async Task TheRosterIsKeptThroughSavesAndReadAgainOnceAMemberChanges()
    {
        var (team, december, reps) = await TwoMeetingsAsync();
        var first = await LoadAsync(december, reuse: null);
        await reps[1].SaveWorksheetAsync(december, ("Acme 1", "Recovery", "Key", "Called twice"), ("Shared Co", "Surprises", "Standard", null));
        var saved = await LoadAsync(december, first.Rows);
        Assert.Same(first.Rows.Roster, saved.Rows.Roster);

        await factory.ChangeMemberAsync(team, "Promote", team.RepIds[2]);
        var promoted = await LoadAsync(december, saved.Rows);
        var fresh = await LoadAsync(december, reuse: null);

        Assert.NotSame(saved.Rows.Roster, promoted.Rows.Roster);
        Assert.Equal(team.RepIds.Take(2).Order(), promoted.Input.Reps.Select(r => r.Id).Order());
        Assert.Equal(Json(fresh), Json(promoted));
    }

    [Fact]
    public async Task AnEarlierMeetingMovedInDateIsReadAgainThoughNoWorksheetChanged()
    {
        var (team, december, reps) = await TwoMeetingsAsync();
        var october = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 10, 29), "October meeting");
        await reps[0].SaveWorksheetAsync(october, ("Acme 0", "Surprises", "Key", null), ("Shared Co", "Recovery", "Standard", null));
        var first = await LoadAsync(december, reuse: null);
        Assert.Equal(new DateOnly(2026, 11, 26), first.Input.Meeting.PreviousDate);

        // Now after November: October's worksheets are the previous meeting's, though none of them was saved again.
        var moved = new DateOnly(2026, 12, 3);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == october).ExecuteUpdateAsync(s => s.SetProperty(m => m.Date, moved)));
        var reused = await LoadAsync(december, first.Rows);

        Assert.Equal(moved, reused.Input.Meeting.PreviousDate);
        Assert.Equal(Json(await LoadAsync(december, reuse: null)), Json(reused));
    }

    [Fact]
    public async Task OnlyFollowUpsOpenedOrChangedSinceAreReadAgain()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        // The team's meeting of 26 November: a follow-up closed since (today) is still live there.
        var meeting = team.MeetingId;
        var reps = team.RepIds.Select(factory.CreateClientFor).ToArray();
        await reps[0].SaveWorksheetAsync(meeting, ("Acme", "Recovery", "Key", null));
        // Enough untouched follow-ups that the changed ones are read alone, not all of them again.
        await reps[1].SaveWorksheetAsync(meeting, ("Beta", "Recovery", "Key", null), ("Delta", "Recovery", "Key", null), ("Epsilon", "Recovery", "Key", null));
        var first = await LoadAsync(meeting, reuse: null);
        var ids = await factory.WithDbAsync(db => db.FollowUps
            .Where(f => f.TeamId == team.TeamId)
            .Select(f => new { f.Customer!.Name, f.Id })
            .ToDictionaryAsync(f => f.Name, f => f.Id));

        // Gamma's is new, Acme's (under way, so not a correction to remove) closes as left Recovery, the rest are untouched.
        await factory.WithDbAsync(db => db.FollowUps.Where(f => f.Id == ids["Acme"])
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClarifiedOn, new DateOnly(2026, 11, 27)).SetProperty(f => f.Version, f => f.Version + 1)));
        await reps[2].SaveWorksheetAsync(meeting, ("Gamma", "Recovery", "Key", null));
        await reps[0].SaveWorksheetAsync(meeting, ("Acme", "Surprises", "Key", null));
        var reused = await LoadAsync(meeting, first.Rows);
        var fresh = await LoadAsync(meeting, reuse: null);

        Assert.Equal(fresh.Input.FollowUps, reused.Input.FollowUps);
        Assert.Equal(Json(fresh), Json(reused));
        Assert.Equal(["Acme", "Beta", "Delta", "Epsilon", "Gamma"], reused.Input.FollowUps!.Select(f => f.Customer).Order());
        Assert.Equal(FollowUpClosure.LeftRecovery, reused.Input.FollowUps!.Single(f => f.Customer == "Acme").Closure);
        Assert.Same(first.Rows.FollowUps[ids["Beta"]], reused.Rows.FollowUps[ids["Beta"]]);
        Assert.NotSame(first.Rows.FollowUps[ids["Acme"]], reused.Rows.FollowUps[ids["Acme"]]);
    }

    [Fact]
    public async Task RowsKeptForAnotherMeetingAreNotUsed()
    {
        var (team, december, _) = await TwoMeetingsAsync();
        var november = await LoadAsync(team.MeetingId, reuse: null);

        var loaded = await LoadAsync(december, november.Rows);

        Assert.Equal(Json(await LoadAsync(december, reuse: null)), Json(loaded));
        Assert.DoesNotContain(loaded.Rows.Sheets.Values, s => november.Rows.Sheets.Values.Contains(s));
    }
}
