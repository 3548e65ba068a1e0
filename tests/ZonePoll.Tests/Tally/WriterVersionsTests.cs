using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// The version statements <see cref="MeetingChanges"/> gives the worksheet writer, on whichever database the run uses:
/// which meetings move, and which of them are pushed.
/// </summary>
public class WriterVersionsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private sealed record Versions(int Tally, int Worksheets);

    [Fact]
    public async Task ASaveMovesItsMeetingsBothVersionsAndTheLaterMeetingsTallyButNotTheEarlierOnesOrAnotherTeams()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var earlier = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 10, 29), status: MeetingStatus.Locked);
        var later = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 24), status: MeetingStatus.Draft);
        var laterLocked = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 31), status: MeetingStatus.Locked);
        // The same day as the saved meeting, created after it: it counts as later.
        var sameDay = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 11, 26));
        var otherTeam = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        int[] meetings = [team.MeetingId, earlier, later, laterLocked, sameDay, otherTeam.MeetingId];
        var before = await VersionsAsync(meetings);

        var (behind, inPlay) = await InTransactionAsync(versions => versions.WorksheetsSaved(team.MeetingId));

        Assert.False(behind);
        Assert.Equal([team.MeetingId, later, sameDay], inPlay.Order());
        var after = await VersionsAsync(meetings);
        Assert.Equal(new Versions(before[team.MeetingId].Tally + 1, before[team.MeetingId].Worksheets + 1), after[team.MeetingId]);
        foreach (var moved in new[] { later, laterLocked, sameDay })
        {
            Assert.Equal(before[moved] with { Tally = before[moved].Tally + 1 }, after[moved]);
        }

        Assert.Equal(before[earlier], after[earlier]);
        Assert.Equal(before[otherTeam.MeetingId], after[otherTeam.MeetingId]);
    }

    [Fact]
    public async Task ASaveSaysWhetherItsMeetingsFollowUpsAreBehind()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FollowUpsBehind, true)));
        var later = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 24));

        Assert.True((await InTransactionAsync(versions => versions.WorksheetsSaved(team.MeetingId))).FollowUpsBehind);
        Assert.False((await InTransactionAsync(versions => versions.WorksheetsSaved(later))).FollowUpsBehind);
    }

    [Fact]
    public async Task FollowUpsChangedMovesTheTeamsOtherMeetingsTallyVersionsAndReturnsThoseInPlay()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var draft = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 24), status: MeetingStatus.Draft);
        var locked = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 10, 29), status: MeetingStatus.Locked);
        var otherTeam = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        int[] meetings = [team.MeetingId, draft, locked, otherTeam.MeetingId];
        var before = await VersionsAsync(meetings);

        var inPlay = await InTransactionAsync(versions => versions.FollowUpsChanged(team.TeamId, team.MeetingId));

        Assert.Equal([draft], inPlay);
        var after = await VersionsAsync(meetings);
        Assert.Equal(before[draft] with { Tally = before[draft].Tally + 1 }, after[draft]);
        Assert.Equal(before[locked] with { Tally = before[locked].Tally + 1 }, after[locked]);
        Assert.Equal(before[team.MeetingId], after[team.MeetingId]);
        Assert.Equal(before[otherTeam.MeetingId], after[otherTeam.MeetingId]);
    }

    private Task<Dictionary<int, Versions>> VersionsAsync(params int[] meetingIds) =>
        factory.WithDbAsync(db => db.Meetings
            .Where(m => meetingIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new Versions(m.TallyVersion, m.WorksheetsVersion)));

    private Task<T> InTransactionAsync<T>(Func<WriterVersions, T> work) =>
        factory.AsTheWriterAsync((db, transaction) =>
        {
            using var versions = MeetingChanges.ForWriter(db, transaction);
            return work(versions);
        });
}
