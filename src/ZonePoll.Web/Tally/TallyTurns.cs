using StackExchange.Redis;

namespace ZonePoll.Web.Tally;

public enum TallyTurn
{
    /// <summary>Build and send; then say <see cref="TallyTurns.DoneAsync"/>.</summary>
    Mine,

    /// <summary>Some instance already sent this version or a newer one: nothing to do.</summary>
    AlreadySent,

    /// <summary>Another instance is building now; ask again shortly, its snapshot may predate this change.</summary>
    Busy,
}

/// <summary>
/// One snapshot build per change burst per meeting across every instance. Each instance that committed a change asks
/// for a turn with the version it read; the one that gets it builds, sends through the backplane and records the
/// version sent; the others wait until a version at least as new as theirs has gone out, or the turn is free. A
/// turn not handed back (an instance died mid-build) lapses after <see cref="Hold"/>. With one instance (no Redis)
/// every turn is granted.
/// </summary>
public sealed partial class TallyTurns(IConnectionMultiplexer? redis, ILogger<TallyTurns> logger)
{
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    // Both in one round trip each, atomically: read what was sent, then claim; record what was sent, then release.
    private static readonly LuaScript Take = LuaScript.Prepare(
        """
        local sent = tonumber(redis.call('GET', @sent) or '-1')
        if sent >= tonumber(@version) then return 1 end
        if redis.call('SET', @turn, @owner, 'NX', 'PX', @hold) then return 0 end
        return 2
        """);

    private static readonly LuaScript Done = LuaScript.Prepare(
        """
        local sent = tonumber(redis.call('GET', @sent) or '-1')
        if tonumber(@version) > sent then redis.call('SET', @sent, @version, 'PX', @keep) end
        if redis.call('GET', @turn) == @owner then redis.call('DEL', @turn) end
        return 0
        """);

    // Long enough for every instance waiting on a burst to see it, short enough that a database restored to an older
    // copy (whose versions start lower again) is pushed to within seconds.
    private static readonly long KeepSent = (long)(Hold * 2).TotalMilliseconds;

    private readonly string _owner = Guid.NewGuid().ToString("n");

    public async Task<TallyTurn> TakeAsync(int meetingId, int version)
    {
        if (redis is null)
        {
            return TallyTurn.Mine;
        }

        try
        {
            var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(Take, new
            {
                sent = SentKey(meetingId),
                turn = TurnKey(meetingId),
                version,
                owner = _owner,
                hold = (long)Hold.TotalMilliseconds,
            });
            return (TallyTurn)result;
        }
        catch (RedisException exception)
        {
            // Better a build per instance than none: the projectors must still move.
            LogRedisFailed(logger, exception, meetingId);
            return TallyTurn.Mine;
        }
    }

    public async Task DoneAsync(int meetingId, int? sentVersion)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(Done, new
            {
                sent = SentKey(meetingId),
                turn = TurnKey(meetingId),
                version = sentVersion ?? -1,
                owner = _owner,
                keep = KeepSent,
            });
        }
        catch (RedisException exception)
        {
            LogRedisFailed(logger, exception, meetingId);
        }
    }

    private static RedisKey SentKey(int meetingId) => $"ZonePoll:tally:{meetingId}:sent";

    private static RedisKey TurnKey(int meetingId) => $"ZonePoll:tally:{meetingId}:turn";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for the tally of meeting {MeetingId}; this instance builds it itself.")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception, int meetingId);
}
