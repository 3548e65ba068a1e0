using System.Data.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// A manager's request that is aborted (tab closed, connection dropped) just as its change commits: the change stands,
/// so what follows a commit (the removed member's connections leaving their groups, the push) must happen all the same.
/// </summary>
public sealed class AbortedAfterCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ARemovalWhoseRequestIsAbortedAsItCommitsStillDropsTheMembersConnectionsAndPushes()
    {
        var team = await _factory.CreateTeamAsync(reps: 2);
        var stays = await _factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        var removedId = team.RepIds[1];
        await _factory.AddMemberAsync(stays.TeamId, removedId, ZonePoll.Web.Teams.TeamRole.Rep);
        await using var witness = _factory.ConnectToTally(team.ManagerId);
        var witnessGot = witness.Receive();
        await witness.StartAsync();
        await witness.InvokeAsync("Join", team.MeetingId);
        await using var removed = _factory.ConnectToTally(removedId);
        var removedGot = removed.Receive();
        await removed.StartAsync();
        await removed.InvokeAsync("Join", team.MeetingId);
        await removed.InvokeAsync("Join", stays.MeetingId);

        using var aborted = new CancellationTokenSource();
        await using (var db = ContextCancelling(aborted))
        {
            var changes = _factory.Services.GetRequiredService<MeetingChanges>();
            await using var change = await changes.BeginAsync(db, team.TeamId, aborted.Token);
            await db.TeamMembers.Where(m => m.TeamId == team.TeamId && m.UserId == removedId).ExecuteDeleteAsync(aborted.Token);
            await change.CommitAsync(new TallyChange.Member(team.TeamId, removedId), aborted.Token);
        }

        Assert.True(aborted.IsCancellationRequested);
        // The push of the removal reaches the room: one rep of one left.
        await witnessGot.WaitForAsync(s => s.Participation.RepsTotal == 1, Patience);
        var seenBefore = removedGot.Received.Count(s => s.MeetingId == team.MeetingId);
        await _factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Secret Co", "Recovery", "Key", "angry about invoices"));
        await witnessGot.WaitForAsync(s => s.Entries == 1, Patience);
        await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));
        // The reps' group has been sent the save: had the removed connection been left in it, so would it.
        var received = await removedGot.ReceivedBeforeControlAsync(_factory, stays, Patience);
        Assert.Equal(seenBefore, received.Count(s => s.MeetingId == team.MeetingId));
    }

    /// <summary>A context on the app's database whose commit cancels <paramref name="aborted"/>, as a request aborted then would.</summary>
    private ZonePollDbContext ContextCancelling(CancellationTokenSource aborted)
    {
        var onCommit = new CancelOnCommit(aborted);
        return _factory.Provider == DatabaseProvider.PostgreSQL
            ? new PostgresZonePollDbContext(new DbContextOptionsBuilder<PostgresZonePollDbContext>()
                .UseNpgsql(_factory.ConnectionString).AddInterceptors(onCommit).Options)
            : new ZonePollDbContext(new DbContextOptionsBuilder<ZonePollDbContext>()
                .UseSqlite(_factory.ConnectionString).AddInterceptors(onCommit).Options);
    }

    private sealed class CancelOnCommit(CancellationTokenSource aborted) : DbTransactionInterceptor
    {
        public override Task TransactionCommittedAsync(
            DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            aborted.Cancel();
            return Task.CompletedTask;
        }
    }
}
