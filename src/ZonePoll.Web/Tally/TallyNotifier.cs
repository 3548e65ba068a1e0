using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Sends a meeting's fresh snapshot to its hub groups after a change. Changes that arrive while a snapshot is
/// being built are folded into one more build, at most one every <see cref="MinimumInterval"/>, so a burst of
/// saves costs a few builds rather than one each, and the CPU goes to the saves. With several instances,
/// <see cref="TallyTurns"/> lets one of them build for a burst and the backplane carries it to every projector.
/// </summary>
public sealed partial class TallyNotifier(IServiceScopeFactory scopes, IHubContext<TallyHub> hub, TallyCache cache, TallyTurns turns, TimeProvider clock, ILogger<TallyNotifier> logger)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(50);

    private const int Running = 1;
    private const int RunningAndDirty = 2;

    private readonly ConcurrentDictionary<int, int> _pumps = new();

    /// <summary>
    /// A change to the meeting has just been committed: bump its version (before the caller answers, so no later read
    /// gets the snapshot from before), then send the new one.
    /// </summary>
    public async Task ChangedAsync(ZonePollDbContext db, int meetingId, CancellationToken cancellationToken)
    {
        await db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TallyVersion, m => m.TallyVersion + 1), cancellationToken);
        MeetingChanged(meetingId);
    }

    /// <summary>The version was bumped with the change itself (the worksheet writer does); returns at once, the snapshot follows.</summary>
    public void MeetingChanged(int meetingId)
    {
        var state = _pumps.AddOrUpdate(meetingId, Running, (_, _) => RunningAndDirty);
        if (state == Running)
        {
            _ = Task.Run(() => PumpAsync(meetingId));
        }
    }

    /// <summary>
    /// A team-wide change: the roster ("N of M reps in") or a follow-up (its counts and list). Each of the team's
    /// meetings still in play gets a fresh snapshot.
    /// </summary>
    public async Task TeamChangedAsync(ZonePollDbContext db, int teamId, CancellationToken cancellationToken)
    {
        // Every meeting's snapshot names the roster and the follow-ups, locked ones too; only those in play are pushed.
        await db.Meetings.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TallyVersion, m => m.TallyVersion + 1), cancellationToken);
        var meetings = await db.Meetings
            .Where(m => m.TeamId == teamId && m.Status != MeetingStatus.Locked)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var meetingId in meetings)
        {
            MeetingChanged(meetingId);
        }
    }

    private async Task PumpAsync(int meetingId)
    {
        long? lastStart = null;
        while (true)
        {
            if (lastStart is { } last && clock.GetElapsedTime(last) is var since && since < MinimumInterval)
            {
                await Task.Delay(MinimumInterval - since, clock);
            }

            lastStart = clock.GetTimestamp();
            _pumps[meetingId] = Running;
            var covered = true;
            try
            {
                covered = await SendAsync(meetingId);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogSendFailed(logger, exception, meetingId);
            }

            // Done unless another change came in meanwhile, or another instance's build may predate ours.
            if (covered && _pumps.TryRemove(new KeyValuePair<int, int>(meetingId, Running)))
            {
                return;
            }
        }
    }

    /// <summary>False while another instance holds the turn: its snapshot may predate this change, so ask again.</summary>
    private async Task<bool> SendAsync(int meetingId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        if (await db.Meetings.Where(m => m.Id == meetingId).Select(m => (int?)m.TallyVersion).SingleOrDefaultAsync() is not { } version)
        {
            return true;
        }

        switch (await turns.TakeAsync(meetingId, version))
        {
            case TallyTurn.AlreadySent:
                return true;
            case TallyTurn.Busy:
                return false;
        }

        int? sent = null;
        try
        {
            if (await cache.GetAsync(meetingId, version, scope.ServiceProvider.GetRequiredService<TallyQuery>(), CancellationToken.None) is { } tally)
            {
                await Task.WhenAll(
                    hub.Clients.Group(TallyHub.ManagersGroup(meetingId)).SendAsync(TallyHub.TallyMessage, tally.Manager),
                    hub.Clients.Group(TallyHub.RepsGroup(meetingId)).SendAsync(TallyHub.TallyMessage, tally.Rep));
                sent = version;
            }
        }
        finally
        {
            await turns.DoneAsync(meetingId, sent);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the tally of meeting {MeetingId}.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int meetingId);
}
