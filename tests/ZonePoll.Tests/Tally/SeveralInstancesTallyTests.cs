using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
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

    [NeedsServicesFact(TestServices.PostgreSQL | TestServices.Redis)]
    public async Task AManagerRemovedOnOneInstanceStopsReceivingTheTallyOnAConnectionToTheOther()
    {
        var team = await _first.CreateTeamAsync(reps: 1);
        var secondManager = await _first.CreateUserAsync("Max Manager");
        await _first.AddMemberAsync(team.TeamId, secondManager, TeamRole.Manager);
        // A team they stay a manager of, watched on the same connection: its next snapshot is the positive control.
        var stays = await _first.CreateTeamAsync(reps: 1, teamName: "Sales East");
        await _first.AddMemberAsync(stays.TeamId, secondManager, TeamRole.Manager);
        await using var witness = _second.ConnectToTally(team.ManagerId);
        var witnessGot = witness.Receive();
        await witness.StartAsync();
        await witness.InvokeAsync("Join", team.MeetingId);
        await using var removed = _second.ConnectToTally(secondManager);
        var removedGot = removed.Receive();
        await removed.StartAsync();
        await removed.InvokeAsync("Join", stays.MeetingId);
        await removed.InvokeAsync("Join", team.MeetingId);
        var rep = _first.CreateClientFor(team.RepIds[0]);

        // Before: a save on the first instance reaches both managers' connections on the second.
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        await witnessGot.WaitForAsync(s => s.Entries == 1, Patience);
        await removedGot.WaitForAsync(s => s.Entries == 1, Patience);
        var receivedBefore = removedGot.Received.Count;

        await _first.ChangeMemberAsync(team, "Remove", secondManager);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null), ("Secret Co", "Recovery", "Key", "angry about invoices"));

        // After: the other manager, on the same instance and in the same group, gets the next snapshot...
        await witnessGot.WaitForAsync(s => s.Entries == 2, Patience);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));
        Assert.Contains("No such meeting", rejoin.Message, StringComparison.Ordinal);
        // ...and the removed one, up to its own team's next snapshot, nothing more: not even the roster change's.
        var before = await removedGot.ReceivedBeforeControlAsync(_first, stays, Patience);
        Assert.Equal(receivedBefore, before.Count);
        Assert.All(before, s => Assert.Equal((team.MeetingId, 1), (s.MeetingId, s.Entries)));
    }

    [NeedsServicesFact(TestServices.PostgreSQL | TestServices.Redis)]
    public async Task ARepPromotedOnOneInstanceGetsTheManagersViewOnAConnectionToTheOther()
    {
        var team = await _first.CreateTeamAsync(reps: 2);
        await using var promoted = _second.ConnectToTally(team.RepIds[1]);
        var promotedGot = promoted.Receive();
        await promoted.StartAsync();
        await promoted.InvokeAsync("Join", team.MeetingId);
        var rep = _first.CreateClientFor(team.RepIds[0]);

        // Before: the team view only, no rep's name.
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        Assert.Empty((await promotedGot.WaitForAsync(s => s.Participation.RepsIn == 1, Patience)).Reps);

        await _first.ChangeMemberAsync(team, "Promote", team.RepIds[1]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null), ("Beta", "Recovery", "New", null));

        var snapshot = await promotedGot.WaitForAsync(s => s.Entries == 2, Patience);
        Assert.Equal("Rep 1", Assert.Single(snapshot.Reps).Name);
    }
}
