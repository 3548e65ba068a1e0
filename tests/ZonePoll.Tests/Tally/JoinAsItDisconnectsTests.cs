using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// A Join still on its way in when its connection goes: the connection's disconnect may be handled before the Join
/// registers it. Left registered, a later roster change moves a connection that is gone; on the Redis backplane each
/// such move waits for an answer that never comes, holding the roster lock every team's Join waits on, then fails.
/// </summary>
public sealed class JoinAsItDisconnectsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly WatchedFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AJoinWhoseConnectionWentWhileItReadTheRoleLeavesNothingForALaterRosterChangeToMove()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var rep = team.RepIds[0];
        var leaving = _factory.ConnectToTally(rep);
        await leaving.StartAsync();
        var connectionId = leaving.ConnectionId!;
        var connections = _factory.Services.GetRequiredService<TallyConnections>();
        var read = new MeetingAccessResult(
            team.MeetingId, "November meeting", new DateOnly(2026, 11, 26), MeetingStatus.Open, team.TeamId, "Sales North", TeamRole.Rep);

        // A roster change since the Join read the membership: it reads the role again, and is held as that read ends...
        var held = _factory.RoleReads.HoldNext();
        using var aborted = new CancellationTokenSource();
        var joining = connections.JoinAsync(connectionId, rep, read, connections.Changes - 1, aborted.Token);
        await held.Reached.WaitAsync(Patience);
        // ...while the connection goes, as SignalR ends one: its token cancelled, then its disconnect handled in full.
        aborted.Cancel();
        var gone = _factory.Groups.Gone(connectionId);
        await leaving.DisposeAsync();
        await gone.WaitAsync(Patience);
        held.Release();
        try
        {
            await joining.WaitAsync(Patience);
        }
        catch (OperationCanceledException)
        {
            // What its hub invocation ends with: nobody is there to hear it.
        }

        await _factory.ChangeMemberAsync(team, "Promote", rep);

        Assert.Empty(_factory.Groups.MovedWhileGone);
    }

    private sealed class WatchedFactory : ZonePollFactory
    {
        public HeldRoleRead RoleReads { get; } = new();

        public WatchedGroups Groups { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<ZonePollDbContext>(options => options.AddInterceptors(RoleReads));
                services.ConfigureDbContext<PostgresZonePollDbContext>(options => options.AddInterceptors(RoleReads));
                services.AddSingleton<HubLifetimeManager<TallyHub>>(provider =>
                    Groups = new WatchedGroups(provider.GetRequiredService<ILogger<DefaultHubLifetimeManager<TallyHub>>>()));
            });
        }
    }

    /// <summary>Holds the next read of a member's role as its reader closes: the statement has run, the role is read.</summary>
    private sealed class HeldRoleRead : DbCommandInterceptor
    {
        private JoinDuringRemovalTests.Hold? _next;

        public JoinDuringRemovalTests.Hold HoldNext() => _next = new JoinDuringRemovalTests.Hold();

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(
            DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            var text = command.CommandText;
            if (text.Contains("\"TeamMembers\"", StringComparison.Ordinal) && !text.Contains("\"Meetings\"", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _next, null) is { } hold)
            {
                await hold.WaitAsync();
            }

            return result;
        }
    }

    /// <summary>The default group manager, noting any group change made for a connection after its disconnect.</summary>
    private sealed class WatchedGroups(ILogger<DefaultHubLifetimeManager<TallyHub>> logger) : DefaultHubLifetimeManager<TallyHub>(logger)
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gone = new();

        public ConcurrentQueue<string> MovedWhileGone { get; } = new();

        public Task Gone(string connectionId) => _gone.GetOrAdd(connectionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public override async Task OnDisconnectedAsync(HubConnectionContext connection)
        {
            await base.OnDisconnectedAsync(connection);
            _gone.GetOrAdd(connection.ConnectionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            Note(connectionId, groupName);
            return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            Note(connectionId, groupName);
            return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        }

        private void Note(string connectionId, string groupName)
        {
            if (_gone.TryGetValue(connectionId, out var gone) && gone.Task.IsCompleted)
            {
                MovedWhileGone.Enqueue($"{connectionId} {groupName}");
            }
        }
    }
}
