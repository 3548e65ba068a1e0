using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// Two app hosts on one PostgreSQL database and one Redis (the test run's throw-away ones), as behind a load
/// balancer: a roster change made on one instance must reach hub connections held by the other.
/// </summary>
public sealed class SeveralInstancesTallyTests : IAsyncLifetime
{
    // Generous: only a broken build waits this long; a passing run gets its message in milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _folder = ZonePollFactory.NewFolder();
    private ZonePollFactory _first = null!;
    private ZonePollFactory _second = null!;

    public async Task InitializeAsync()
    {
        _first = ZonePollFactory.OverFolder(_folder, keepFiles: true, DatabaseProvider.PostgreSQL, TestDatabases.Redis);
        // The first host migrates the database before the second starts, as instances taking turns would.
        _ = _first.Services;
        _second = ZonePollFactory.OverFolder(_folder, keepFiles: false, DatabaseProvider.PostgreSQL, TestDatabases.Redis);
        _ = _second.Services;
        // The shared Redis remembers which tally version of a meeting id was sent for a few seconds (TallyTurns), and
        // every fresh database numbers its meetings from 1: ids of their own, so an earlier test's say nothing here.
        var start = Random.Shared.Next(1_000_000, int.MaxValue / 2);
        await _first.WithDbAsync(db => db.Database.ExecuteSqlAsync($"SELECT setval(pg_get_serial_sequence('\"Meetings\"', 'Id'), {start})"));
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static async Task<TallySnapshot> WaitForAsync(List<TallySnapshot> received, Func<TallySnapshot, bool> until)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            lock (received)
            {
                if (received.FirstOrDefault(until) is { } snapshot)
                {
                    return snapshot;
                }
            }

            await Task.Delay(20);
        }

        lock (received)
        {
            throw new TimeoutException($"The snapshot did not arrive; {received.Count} others did: {string.Join("; ", received.Select(s => $"entries {s.Entries}, reps in {s.Participation.RepsIn}, reps {s.Reps.Count}"))}");
        }
    }

    private static int CountOf(List<TallySnapshot> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    [NeedsServicesFact(TestServices.PostgreSQL | TestServices.Redis)]
    public async Task AManagerRemovedOnOneInstanceStopsReceivingTheTallyOnAConnectionToTheOther()
    {
        var team = await _first.CreateTeamAsync(reps: 1);
        var secondManager = await _first.CreateUserAsync("Max Manager");
        await _first.WithDbAsync(async db =>
        {
            db.TeamMembers.Add(new TeamMember { TeamId = team.TeamId, UserId = secondManager, Role = TeamRole.Manager, JoinedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await using var witness = _second.ConnectToTally(team.ManagerId);
        var witnessGot = witness.Collect();
        await witness.StartAsync();
        await witness.InvokeAsync("Join", team.MeetingId);
        await using var removed = _second.ConnectToTally(secondManager);
        var removedGot = removed.Collect();
        await removed.StartAsync();
        await removed.InvokeAsync("Join", team.MeetingId);
        var rep = _first.CreateClientFor(team.RepIds[0]);

        // Before: a save on the first instance reaches both managers' connections on the second.
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        await WaitForAsync(witnessGot, s => s.Entries == 1);
        await WaitForAsync(removedGot, s => s.Entries == 1);
        var receivedBefore = CountOf(removedGot);

        await _first.ChangeMemberAsync(team, "Remove", secondManager);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null), ("Secret Co", "Recovery", "Key", "angry about invoices"));

        // After: the other manager gets the next snapshot; the removed one nothing, not even the roster change's.
        await WaitForAsync(witnessGot, s => s.Entries == 2);
        // A round trip on the removed connection: anything sent to it before this would have arrived by now.
        var rejoin = await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));
        Assert.Contains("No such meeting", rejoin.Message, StringComparison.Ordinal);
        Assert.Equal(receivedBefore, CountOf(removedGot));
    }

    [NeedsServicesFact(TestServices.PostgreSQL | TestServices.Redis)]
    public async Task ARepPromotedOnOneInstanceGetsTheManagersViewOnAConnectionToTheOther()
    {
        var team = await _first.CreateTeamAsync(reps: 2);
        await using var promoted = _second.ConnectToTally(team.RepIds[1]);
        var promotedGot = promoted.Collect();
        await promoted.StartAsync();
        await promoted.InvokeAsync("Join", team.MeetingId);
        var rep = _first.CreateClientFor(team.RepIds[0]);

        // Before: the team view only, no rep's name.
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        Assert.Empty((await WaitForAsync(promotedGot, s => s.Participation.RepsIn == 1)).Reps);

        await _first.ChangeMemberAsync(team, "Promote", team.RepIds[1]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null), ("Beta", "Recovery", "New", null));

        var snapshot = await WaitForAsync(promotedGot, s => s.Entries == 2);
        Assert.Equal("Rep 1", Assert.Single(snapshot.Reps).Name);
    }
}
