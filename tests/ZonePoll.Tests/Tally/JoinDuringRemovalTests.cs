using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// A hub Join that read the membership just before a removal, and reaches its group just after: the removal must not
/// miss it. The app's group manager is wrapped so the test can hold a Join at the door of its group.
/// </summary>
public sealed class JoinDuringRemovalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HeldGroupsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AManagerRemovedWhileTheirJoinIsUnderWayIsNotLeftInTheManagersGroup()
    {
        await using var room = await Room.SetUpAsync(_factory);
        var (team, secondManager, stays, removed) = (room.Team, room.SecondManager, room.Stays, room.Removed);

        // The Join has read the membership (still a manager) and waits at the door of the managers' group...
        var held = _factory.Groups.HoldNextAdd();
        var joining = removed.InvokeAsync("Join", team.MeetingId);
        await held.Reached.WaitAsync(Patience);
        // ...while a manager removes them: committed, the removal waits for the Join to finish, then moves it out.
        var removing = _factory.ChangeMemberAsync(team, "Remove", secondManager);
        await WaitUntilRemovedAsync(team.TeamId, secondManager);
        held.Release();
        await joining.WaitAsync(Patience);
        await removing.WaitAsync(Patience);

        await room.SaveSeenByTheManagersAsync();
        await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));
        Assert.Empty(await room.RemovedGot.ReceivedBeforeControlAsync(_factory, stays, Patience));
    }

    [Fact]
    public async Task AJoinThatReadTheMembershipBeforeARemovalReadsItAgainAndJoinsNothing()
    {
        await using var room = await Room.SetUpAsync(_factory);
        var (team, secondManager, stays, removed) = (room.Team, room.SecondManager, room.Stays, room.Removed);

        // What the hub's Join holds once it has read the membership (a manager), before it reaches the groups...
        var connections = _factory.Services.GetRequiredService<TallyConnections>();
        var changesSeen = connections.Changes;
        var read = new MeetingAccessResult(
            team.MeetingId, "November meeting", new DateOnly(2026, 11, 26), MeetingStatus.Open, team.TeamId, "Sales North", TeamRole.Manager);
        // ...then a removal is committed and applied in full, finding no connection of theirs in the meeting yet.
        await _factory.ChangeMemberAsync(team, "Remove", secondManager);

        Assert.False(await connections.JoinAsync(removed.ConnectionId!, secondManager, read, changesSeen, CancellationToken.None));
        await room.SaveSeenByTheManagersAsync();
        Assert.Empty(await room.RemovedGot.ReceivedBeforeControlAsync(_factory, stays, Patience));
    }

    /// <summary>
    /// A team with a second manager, about to be removed, whose connection already watches another team they stay a
    /// manager of (its next snapshot is the positive control), and the first manager's connection as the witness.
    /// </summary>
    private sealed record Room(
        ZonePollFactory Factory, TeamSetup Team, string SecondManager, TeamSetup Stays, HubConnection Witness, TallyInbox WitnessGot,
        HubConnection Removed, TallyInbox RemovedGot) : IAsyncDisposable
    {
        public static async Task<Room> SetUpAsync(ZonePollFactory factory)
        {
            var team = await factory.CreateTeamAsync(reps: 1);
            var secondManager = await factory.CreateUserAsync("Max Manager");
            await factory.AddMemberAsync(team.TeamId, secondManager, TeamRole.Manager);
            var stays = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
            await factory.AddMemberAsync(stays.TeamId, secondManager, TeamRole.Manager);
            var witness = factory.ConnectToTally(team.ManagerId);
            var witnessGot = witness.Receive();
            await witness.StartAsync();
            await witness.InvokeAsync("Join", team.MeetingId);
            var removed = factory.ConnectToTally(secondManager);
            var removedGot = removed.Receive();
            await removed.StartAsync();
            await removed.InvokeAsync("Join", stays.MeetingId);
            return new Room(factory, team, secondManager, stays, witness, witnessGot, removed, removedGot);
        }

        /// <summary>A rep saves, and the managers' group is seen to have been sent it: had the removed connection been left in it, so would it.</summary>
        public async Task SaveSeenByTheManagersAsync()
        {
            await Factory.CreateClientFor(Team.RepIds[0]).SaveWorksheetAsync(Team.MeetingId, ("Secret Co", "Recovery", "Key", "angry about invoices"));
            await WitnessGot.WaitForAsync(s => s.Entries == 1, Patience);
        }

        public async ValueTask DisposeAsync()
        {
            await Removed.DisposeAsync();
            await Witness.DisposeAsync();
        }
    }

    /// <summary>Until the removal is committed: it then waits for the held Join, so nothing else would say it got there.</summary>
    private async Task WaitUntilRemovedAsync(int teamId, string userId)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (await _factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, patience.Token)))
        {
            await Task.Delay(20, patience.Token);
        }
    }

    private sealed class HeldGroupsFactory : ZonePollFactory
    {
        public HeldGroups Groups { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<HubLifetimeManager<TallyHub>>(provider =>
            {
                Groups.Inner = new DefaultHubLifetimeManager<TallyHub>(provider.GetRequiredService<ILogger<DefaultHubLifetimeManager<TallyHub>>>());
                return Groups;
            }));
        }
    }

    public sealed class Hold
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public Task WaitAsync()
        {
            _reached.TrySetResult();
            return _released.Task;
        }
    }

    /// <summary>The default group manager, with the next AddToGroupAsync held until the test releases it.</summary>
    public sealed class HeldGroups : HubLifetimeManager<TallyHub>
    {
        private Hold? _next;

        public HubLifetimeManager<TallyHub> Inner { get; set; } = null!;

        public Hold HoldNextAdd() => _next = new Hold();

        public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _next, null) is { } hold)
            {
                await hold.WaitAsync();
            }

            await Inner.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
            Inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

        public override Task OnConnectedAsync(HubConnectionContext connection) => Inner.OnConnectedAsync(connection);

        public override Task OnDisconnectedAsync(HubConnectionContext connection) => Inner.OnDisconnectedAsync(connection);

        public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendAllAsync(methodName, args, cancellationToken);

        public override Task SendAllExceptAsync(
            string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
            Inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

        public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

        public override Task SendConnectionsAsync(
            IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

        public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendGroupAsync(groupName, methodName, args, cancellationToken);

        public override Task SendGroupsAsync(
            IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

        public override Task SendGroupExceptAsync(
            string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
            Inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

        public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendUserAsync(userId, methodName, args, cancellationToken);

        public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
            Inner.SendUsersAsync(userIds, methodName, args, cancellationToken);

        public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
            Inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

        public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
            Inner.SetConnectionResultAsync(connectionId, result);

        public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
            Inner.TryGetReturnType(invocationId, out type);
    }
}
