using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Which hub connection joined which meeting's group, by user, so a roster change takes effect on connections
/// already open: a removed member's leave their groups at once, a promoted member's move to the group of their new
/// role. Without this, a group membership granted at Join would outlive the team membership.
/// </summary>
/// <remarks>
/// Each instance knows only its own connections. With several instances (Redis set), a change is published on a
/// Redis channel that every instance listens to; each moves its own connections and answers, and the instance that
/// made the change waits for every answer (up to <see cref="AnswerPatience"/>) before the caller sends the next
/// snapshot. Each instance reads the member's role from the database rather than from the message, so changes
/// arriving in any order leave the groups as the last committed roster says.
/// </remarks>
public sealed partial class TallyConnections(
    IHubContext<TallyHub> hub,
    IServiceScopeFactory scopes,
    IConnectionMultiplexer? redis,
    ILogger<TallyConnections> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(5);

    // Under the SignalR backplane's own "ZonePoll" prefix, so one Redis can serve other apps too.
    private static readonly RedisChannel ChangedChannel = RedisChannel.Literal("ZonePoll:members:changed");

    private sealed record Joined(string UserId, int MeetingId, int TeamId, string Group);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, Joined>> _byConnection = new();
    private readonly ConcurrentDictionary<string, Answers> _waiting = new();

    // One roster change at a time on this instance: whichever applies last reads the latest role.
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly string _instance = Guid.NewGuid().ToString("n");
    private long _changes;

    private RedisChannel AnswersChannel => AnswersFor(_instance);

    private static RedisChannel AnswersFor(string instance) => RedisChannel.Literal($"ZonePoll:members:answers:{instance}");

    /// <summary>How many roster changes this instance has applied: a Join reads it before it reads the membership.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>
    /// Puts the connection in the meeting's group for <paramref name="meeting"/>'s role, or for the role read again if a
    /// roster change was applied here since the caller read that membership (<paramref name="changesSeen"/>). Returns
    /// false, joining nothing, when that fresh read finds the user no longer a member.
    /// </summary>
    /// <remarks>
    /// Under the roster lock, so a change is applied either wholly before (the count moved: the role is read again) or
    /// wholly after (it finds this connection registered and moves it). A change's snapshot goes out only once it is
    /// applied, so no message for a role the member has just lost reaches a connection that was still on its way in.
    /// </remarks>
    public async Task<bool> JoinAsync(string connectionId, string userId, MeetingAccessResult meeting, long changesSeen, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            var role = Changes == changesSeen ? meeting.Role : await RoleAsync(meeting.TeamId, userId, cancellationToken);
            var group = role is { } now ? GroupFor(meeting.MeetingId, now) : null;
            var joined = _byConnection.GetOrAdd(connectionId, _ => new());
            // SignalR cancels the connection's token before it handles the disconnect, so a connection gone while this
            // Join waited or read is caught here, after registering: else it stays registered, and every later roster
            // change moves a connection that is gone (on the Redis backplane, waiting for an answer that never comes).
            if (cancellationToken.IsCancellationRequested)
            {
                _byConnection.TryRemove(connectionId, out _);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (joined.TryGetValue(meeting.MeetingId, out var before) && before.Group != group)
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, before.Group, cancellationToken);
                joined.TryRemove(meeting.MeetingId, out _);
            }

            if (group is null)
            {
                return false;
            }

            joined[meeting.MeetingId] = new Joined(userId, meeting.MeetingId, meeting.TeamId, group);
            await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task<TeamRole?> RoleAsync(int teamId, string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        return await db.TeamMembers
            .Where(m => m.TeamId == teamId && m.UserId == userId)
            .Select(m => (TeamRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public void Disconnected(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    /// <summary>
    /// The user's membership of the team has just changed (and is committed): on every instance, move or drop each of
    /// their connections to the team's meetings as their role now says. Returns once every instance has done so.
    /// </summary>
    public async Task MemberChangedAsync(int teamId, string userId, CancellationToken cancellationToken)
    {
        await ApplyAsync(teamId, userId, cancellationToken);
        if (redis is null)
        {
            return;
        }

        var id = Guid.NewGuid().ToString("n");
        var answers = new Answers();
        _waiting[id] = answers;
        try
        {
            var message = string.Join('\n', id, _instance, teamId.ToString(CultureInfo.InvariantCulture), userId);
            // Every instance listening gets it, this one included, and each answers once.
            answers.Expect(await redis.GetSubscriber().PublishAsync(ChangedChannel, message));
            await answers.All.WaitAsync(AnswerPatience, cancellationToken);
        }
        catch (RedisException exception)
        {
            LogRedisFailed(logger, exception, teamId);
        }
        catch (TimeoutException)
        {
            LogNotAnswered(logger, teamId, answers.Missing);
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Listens for other instances' roster changes, and the answers to this one's.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        var subscriber = redis.GetSubscriber();
        try
        {
            // Once registered, a subscription is renewed whenever the connection to Redis comes back.
            await subscriber.SubscribeAsync(ChangedChannel, (channel, message) => _ = OnChangedAsync(message));
            await subscriber.SubscribeAsync(AnswersChannel, (_, id) =>
            {
                if (_waiting.TryGetValue(id.ToString(), out var answers))
                {
                    answers.Answered();
                }
            });
        }
        catch (RedisException exception)
        {
            LogRedisFailed(logger, exception, 0);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(ChangedChannel);
            await subscriber.UnsubscribeAsync(AnswersChannel);
        }
        catch (RedisException exception)
        {
            LogRedisFailed(logger, exception, 0);
        }
    }

    public void Dispose() => _applying.Dispose();

    private async Task OnChangedAsync(RedisValue message)
    {
        try
        {
            var parts = message.ToString().Split('\n', 4);
            if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var teamId))
            {
                return;
            }

            var (id, origin, userId) = (parts[0], parts[1], parts[3]);
            // The instance that made the change has already moved its own connections.
            if (origin != _instance)
            {
                await ApplyAsync(teamId, userId, CancellationToken.None);
            }

            await redis!.GetSubscriber().PublishAsync(AnswersFor(origin), id);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogApplyFailed(logger, exception);
        }
    }

    /// <summary>Moves or drops this instance's connections of the user to the team's meetings, by their role now.</summary>
    private async Task ApplyAsync(int teamId, string userId, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            // Before looking: a Join that read the membership earlier and is not registered yet sees the count move.
            Interlocked.Increment(ref _changes);
            if (!_byConnection.Values.Any(meetings => meetings.Values.Any(j => j.UserId == userId && j.TeamId == teamId)))
            {
                return;
            }

            var role = await RoleAsync(teamId, userId, cancellationToken);

            foreach (var (connectionId, meetings) in _byConnection)
            {
                foreach (var joined in meetings.Values.Where(j => j.UserId == userId && j.TeamId == teamId))
                {
                    var group = role is { } newRole ? GroupFor(joined.MeetingId, newRole) : null;
                    if (group == joined.Group)
                    {
                        continue;
                    }

                    await hub.Groups.RemoveFromGroupAsync(connectionId, joined.Group, cancellationToken);
                    if (group is null)
                    {
                        meetings.TryRemove(joined.MeetingId, out _);
                    }
                    else
                    {
                        meetings[joined.MeetingId] = joined with { Group = group };
                        await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
                    }
                }
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    private static string GroupFor(int meetingId, TeamRole role) =>
        role == TeamRole.Manager ? TallyHub.ManagersGroup(meetingId) : TallyHub.RepsGroup(meetingId);

    /// <summary>Counts the instances' answers to one change; the expected count is known only once it is published.</summary>
    private sealed class Answers
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _answered;
        private long _expected = long.MaxValue;

        public Task All => _all.Task;

        public long Missing => Math.Max(0, Interlocked.Read(ref _expected) - Interlocked.Read(ref _answered));

        public void Answered()
        {
            Interlocked.Increment(ref _answered);
            Check();
        }

        public void Expect(long instances)
        {
            Interlocked.Exchange(ref _expected, instances);
            Check();
        }

        private void Check()
        {
            if (Interlocked.Read(ref _answered) >= Interlocked.Read(ref _expected))
            {
                _all.TrySetResult();
            }
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Redis did not answer for a roster change of team {TeamId}; other instances' connections keep their groups until they reconnect.")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, int teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Missing} instance(s) did not confirm a roster change of team {TeamId} in time.")]
    private static partial void LogNotAnswered(ILogger logger, int teamId, long missing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply another instance's roster change.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
