using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// On PostgreSQL a page's change and the worksheet writer's batch lock rows of the same team in their own orders: a
/// follow-up edited on its page while a save closes it, each then moving the meetings' versions. Both must go through,
/// one after the other, rather than one being killed as a deadlock (a 500 on the page, or a whole batch of saves lost).
/// </summary>
public sealed class ChangeBesideWriterTests : IDisposable
{
    private readonly ZonePollFactory _factory =
        ZonePollFactory.OverFolder(ZonePollFactory.NewFolder(), keepFiles: false, DatabaseProvider.PostgreSQL);

    public void Dispose() => _factory.Dispose();

    [NeedsServicesFact(TestServices.PostgreSQL)]
    public async Task AFollowUpEditAndAWriterBatchOnTheSameTeamBothCommit()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        await _factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"));
        var (followUpId, version) = await _factory.WithDbAsync(db =>
            db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => new ValueTuple<int, int>(f.Id, f.Version)).SingleAsync());

        // The page's side: its change made, its commit (and the version bump) still to come.
        await using var pageScope = _factory.Services.CreateAsyncScope();
        var pageDb = pageScope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        await using var change = await _factory.Services.GetRequiredService<MeetingChanges>().BeginAsync(pageDb, team.TeamId, CancellationToken.None);
        await pageDb.FollowUps.Where(f => f.Id == followUpId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Version, f => f.Version + 1));

        // The writer's side, as a batch does it: the team's lock, the meeting's versions, then the follow-up it closes.
        var writer = Task.Run(() => _factory.AsTheWriterAsync((db, transaction) =>
        {
            MeetingChanges.LockTeam(db, team.TeamId);
            using var versions = MeetingChanges.ForWriter(db, transaction);
            versions.WorksheetsSaved(team.MeetingId);
            return db.FollowUps.Where(f => f.Id == followUpId).ExecuteUpdate(s => s.SetProperty(f => f.Version, f => f.Version + 1));
        }));
        await WaitingOnALockAsync(writer);

        await change.CommitAsync(new TallyChange.Team(team.TeamId), CancellationToken.None);
        Assert.Equal(1, await writer);
        Assert.Equal(version + 2, await _factory.WithDbAsync(db => db.FollowUps.Where(f => f.Id == followUpId).Select(f => f.Version).SingleAsync()));
    }

    /// <summary>Until the writer's session waits on a lock the page's holds (or it finished without waiting).</summary>
    private async Task WaitingOnALockAsync(Task writer)
    {
        const string Waiting = """SELECT count(*)::int AS "Value" FROM pg_locks WHERE NOT granted""";
        while (!writer.IsCompleted && await _factory.WithDbAsync(db => db.Database.SqlQueryRaw<int>(Waiting).SingleAsync()) == 0)
        {
            await Task.Yield();
        }
    }
}
