using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
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

        await reps[1].SaveWorksheetAsync(december, ("Acme 1", "Recovery", "Key", "Called twice, no answer"), ("Shared Co", "Surprises", "Standard", null), ("New Co", "Surprises", "Growth", null));
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
    public async Task RowsKeptForAnotherMeetingAreNotUsed()
    {
        var (team, december, _) = await TwoMeetingsAsync();
        var november = await LoadAsync(team.MeetingId, reuse: null);

        var loaded = await LoadAsync(december, november.Rows);

        Assert.Equal(Json(await LoadAsync(december, reuse: null)), Json(loaded));
        Assert.DoesNotContain(loaded.Rows.Sheets.Values, s => november.Rows.Sheets.Values.Contains(s));
    }
}
