using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Sends a meeting's fresh snapshot to its hub groups after a change. Changes that arrive while a snapshot is
/// being built are folded into one more build, at most one every <see cref="Floor"/>, so a burst of
/// saves costs a few builds rather than one each, and the CPU goes to the saves. Reps' phones get the team view at
/// most every <see cref="RepIntervalFor"/> (longer in a larger room), and the last one once the burst is over: the
/// projector wants every change, while in a large room where every rep holds a hub connection, sending their view twice
/// a second was a measurable part of each save's CPU (bench/README.md has the figures). With several instances,
/// <see cref="TallyTurns"/> lets one of them build for a burst and the backplane carries it to every projector.
/// </summary>
/// <remarks>
/// A build's cost grows with the room and with how busy the machine is, so during a burst the next build waits at
/// least <see cref="BuildShare"/> times as long as the last one took (at most <see cref="MaximumInterval"/>): the builds
/// of one meeting take about that share of a core from the saves, however large the room. The first change after a
/// quiet spell builds at once.
/// </remarks>
public sealed partial class TallyNotifier(
    IServiceScopeFactory scopes,
    IHubContext<TallyHub> hub,
    TallyCache cache,
    TallyTurns turns,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<TallyNotifier> logger)
{
    /// <summary>
    /// The floor under a build's spacing on SQLite. A save waits on average half of it before a build picks it up, so it
    /// bounds how soon the projector shows a save; below it builds take more of the machine than they give back.
    /// </summary>
    public static readonly TimeSpan SqliteFloor = TimeSpan.FromMilliseconds(35);

    /// <summary>
    /// The floor on PostgreSQL: a build's reads load the database server the saves wait on, so builds as close as on
    /// SQLite slowed the saves more than they sped the projector (bench/README.md, 2026-12-05).
    /// </summary>
    public static readonly TimeSpan PostgresFloor = TimeSpan.FromMilliseconds(50);

    /// <summary>The least time from one build's start to the next on this app's database.</summary>
    public TimeSpan Floor { get; } = FloorFor(DatabaseSetup.ProviderOf(configuration));

    internal static TimeSpan FloorFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSQL ? PostgresFloor : SqliteFloor;

    /// <summary>The reps' interval in a room of up to <see cref="RepsPerSecond"/> / 2 reps: a team's.</summary>
    public static readonly TimeSpan MinimumRepInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The reps' interval in the largest rooms: their phones still show a burst as it goes.</summary>
    public static readonly TimeSpan MaximumRepInterval = TimeSpan.FromSeconds(4);

    /// <summary>About how many messages a second a large meeting's phones get between them in a burst.</summary>
    public const int RepsPerSecond = 250;

    /// <summary>
    /// How long the reps' view waits after the last one sent to a room of <paramref name="reps"/>: a burst costs the room's
    /// phones at most <see cref="RepsPerSecond"/> messages a second, between <see cref="MinimumRepInterval"/> and
    /// <see cref="MaximumRepInterval"/>.
    /// </summary>
    public static TimeSpan RepIntervalFor(int reps) =>
        TimeSpan.FromTicks(Math.Clamp(TimeSpan.TicksPerSecond * reps / RepsPerSecond, MinimumRepInterval.Ticks, MaximumRepInterval.Ticks));

    /// <summary>
    /// During a burst, the time from one build's start to the next is at least this many times the last build's, up to
    /// <see cref="MaximumInterval"/>.
    /// </summary>
    public const int BuildShare = 2;

    public static readonly TimeSpan MaximumInterval = TimeSpan.FromSeconds(1);

    private const int Running = 1;
    private const int RunningAndDirty = 2;

    private readonly ConcurrentDictionary<int, int> _pumps = new();
    // Kept with the time: the wait for a burst's last state reads it without a snapshot at hand. It is the room as it was
    // at that send; a roster change is a new version, and the send after it keeps the new room's interval.
    private readonly ConcurrentDictionary<int, (long At, TimeSpan Interval)> _repsSent = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waitingForReps = new();

    /// <summary>
    /// The meeting's version was bumped with a change just committed (<see cref="MeetingChanges"/> does both); returns
    /// at once, the snapshot follows.
    /// </summary>
    public void MeetingChanged(int meetingId)
    {
        var state = _pumps.AddOrUpdate(meetingId, Running, (_, _) => RunningAndDirty);
        if (state == Running)
        {
            _ = Task.Run(() => PumpAsync(meetingId));
        }
        else if (_waitingForReps.TryRemove(meetingId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    private async Task PumpAsync(int meetingId)
    {
        long? lastStart = null;
        var lastBuild = TimeSpan.Zero;
        var repsBehind = false;
        while (true)
        {
            if (lastStart is { } last && clock.GetElapsedTime(last) is var since && Spacing(lastBuild, Floor) is var spacing && since < spacing)
            {
                await Task.Delay(spacing - since, clock);
            }

            // Nothing new came in, but the reps' view is older than the projector's: send it once their interval is up.
            var forceReps = repsBehind && IsQuiet(meetingId);
            if (forceReps && RepsWait(meetingId, clock.GetTimestamp()) is var wait && wait > TimeSpan.Zero)
            {
                await WaitForChangeAsync(meetingId, wait);
                // A change that came in meanwhile gets a build as usual, and the reps get it too.
                forceReps = IsQuiet(meetingId);
            }

            lastStart = clock.GetTimestamp();
            _pumps[meetingId] = Running;
            var covered = true;
            try
            {
                (covered, repsBehind, lastBuild) = await SendAsync(meetingId, forceReps);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                repsBehind = false;
                LogSendFailed(logger, exception, meetingId);
            }

            // Done unless another change came in meanwhile, another instance's build may predate ours, or the reps wait.
            if (covered && !repsBehind && _pumps.TryRemove(new KeyValuePair<int, int>(meetingId, Running)))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits out the reps' interval, or less: a change that comes in meanwhile is built at once. In a quiet room the
    /// next save came within the interval, and the projector showed it only when the reps' wait was over.
    /// </summary>
    private async Task WaitForChangeAsync(int meetingId, TimeSpan wait)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waitingForReps[meetingId] = changed;
        try
        {
            // After listening, so a change that came just before is seen here and one just after completes the wait.
            if (IsQuiet(meetingId))
            {
                using var done = new CancellationTokenSource();
                await Task.WhenAny(changed.Task, Task.Delay(wait, clock, done.Token));
                await done.CancelAsync();
            }
        }
        finally
        {
            _waitingForReps.TryRemove(new KeyValuePair<int, TaskCompletionSource>(meetingId, changed));
        }
    }

    private void RepsSent(int meetingId, long at, CachedTally tally) =>
        _repsSent[meetingId] = (at, RepIntervalFor(tally.Manager.Participation.RepsTotal));

    /// <summary>How long the reps' view still waits for its room's interval: zero once it is up, or before their first.</summary>
    private TimeSpan RepsWait(int meetingId, long now) =>
        _repsSent.TryGetValue(meetingId, out var sent) && clock.GetElapsedTime(sent.At, now) is var age && age < sent.Interval
            ? sent.Interval - age
            : TimeSpan.Zero;

    private bool IsQuiet(int meetingId) => _pumps.TryGetValue(meetingId, out var state) && state == Running;

    // A build slowed by a saturated machine must not leave the projector without news for long.
    internal static TimeSpan Spacing(TimeSpan lastBuild, TimeSpan floor) =>
        TimeSpan.FromTicks(Math.Clamp(lastBuild.Ticks * BuildShare, floor.Ticks, MaximumInterval.Ticks));

    /// <summary>
    /// Covered is false while another instance holds the turn: its snapshot may predate this change, so ask again.
    /// RepsBehind is true when the reps were skipped for their interval. Build is how long the snapshot took to get.
    /// </summary>
    private async Task<(bool Covered, bool RepsBehind, TimeSpan Build)> SendAsync(int meetingId, bool forceReps)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        if (await db.Meetings.Where(m => m.Id == meetingId).Select(m => (int?)m.TallyVersion).SingleOrDefaultAsync() is not { } version)
        {
            return (true, false, TimeSpan.Zero);
        }

        if (forceReps)
        {
            // The projectors already have this version (from here, or a newer one from whoever built it); the reps
            // wait for it. Managers get it too, in case a change slipped in between the quiet check and now.
            if (await cache.GetAsync(meetingId, version, CancellationToken.None) is { } latest)
            {
                RepsSent(meetingId, clock.GetTimestamp(), latest);
                await Task.WhenAll(
                    hub.Clients.Group(TallyHub.ManagersGroup(meetingId)).SendAsync(TallyHub.TallyMessage, latest.ManagerMessage),
                    hub.Clients.Group(TallyHub.RepsGroup(meetingId)).SendAsync(TallyHub.TallyMessage, latest.RepMessage));
            }

            return (true, false, TimeSpan.Zero);
        }

        switch (await turns.TakeAsync(meetingId, version))
        {
            case TallyTurn.AlreadySent:
                // Whoever sent it keeps the reps up to date.
                return (true, false, TimeSpan.Zero);
            case TallyTurn.Busy:
                return (false, false, TimeSpan.Zero);
        }

        int? sent = null;
        var repsBehind = false;
        var building = clock.GetTimestamp();
        var build = TimeSpan.Zero;
        try
        {
            if (await cache.GetAsync(meetingId, version, CancellationToken.None) is { } tally)
            {
                // The managers' JSON is written on first ask: part of the build's cost.
                var managerMessage = tally.ManagerMessage;
                var now = clock.GetTimestamp();
                build = clock.GetElapsedTime(building, now);
                var sendReps = RepsWait(meetingId, now) == TimeSpan.Zero;
                var managers = hub.Clients.Group(TallyHub.ManagersGroup(meetingId)).SendAsync(TallyHub.TallyMessage, managerMessage);
                if (sendReps)
                {
                    RepsSent(meetingId, now, tally);
                    await Task.WhenAll(managers, hub.Clients.Group(TallyHub.RepsGroup(meetingId)).SendAsync(TallyHub.TallyMessage, tally.RepMessage));
                }
                else
                {
                    await managers;
                }

                repsBehind = !sendReps;
                sent = version;
            }
        }
        finally
        {
            await turns.DoneAsync(meetingId, sent);
        }

        return (true, repsBehind, build);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the tally of meeting {MeetingId}.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int meetingId);
}
