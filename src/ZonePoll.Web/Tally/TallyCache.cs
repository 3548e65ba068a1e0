using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Snapshots built once per <see cref="Meetings.Meeting.TallyVersion"/>: tally.json, the projector, the meeting page,
/// the handout and the hub ask with the version they read, and only a newer version (or a new day) costs a build,
/// which re-reads only the worksheets that changed (<see cref="TallyRows"/>). A version read before the build can
/// only label a snapshot as older than it is, never newer, so nothing stale outlives a bump. Callers asking for a
/// version a build already under way will cover wait for that build instead of starting their own.
/// </summary>
public sealed class TallyCache(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock, IOptions<JsonOptions> json, ZonePollMetrics metrics)
{
    // Meetings nobody looks at drop out; a projected one is asked for at every change.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<int, Build> _building = new();

    private sealed record Build(int Version, DateOnly Today, Task<CachedTally?> Task);

    public async Task<CachedTally?> GetAsync(int meetingId, int version, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        cache.TryGetValue(Key(meetingId), out CachedTally? hit);
        if (hit is not null && hit.Version >= version && hit.Today == today)
        {
            return hit;
        }

        while (true)
        {
            if (_building.TryGetValue(meetingId, out var running) && running.Version >= version && running.Today == today)
            {
                return await running.Task.WaitAsync(cancellationToken);
            }

            // Not cancelled by any one caller: others may be waiting on it.
            var start = new Task<Task<CachedTally?>>(() => BuildAsync(meetingId, version, today, hit));
            var build = new Build(version, today, start.Unwrap());
            if (running is null ? _building.TryAdd(meetingId, build) : _building.TryUpdate(meetingId, build, running))
            {
                _ = build.Task.ContinueWith(
                    _ => _building.TryRemove(new KeyValuePair<int, Build>(meetingId, build)),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                start.Start(TaskScheduler.Default);
                return await build.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private async Task<CachedTally?> BuildAsync(int meetingId, int version, DateOnly today, CachedTally? previous)
    {
        var started = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<TallyQuery>();
        if (await query.LoadAsync(meetingId, previous?.Rows, CancellationToken.None) is not { } load)
        {
            cache.Remove(Key(meetingId));
            return null;
        }

        var built = new CachedTally(version, today, TallyBuilder.Build(load.Input, previous?.Manager), load.Rows, json.Value.SerializerOptions);
        metrics.TallyBuilt(clock.GetElapsedTime(started));
        // Two builds racing: keep the newer version.
        if (!cache.TryGetValue(Key(meetingId), out CachedTally? current) || current!.Version <= version || current.Today != today)
        {
            cache.Set(Key(meetingId), built, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        }

        return built;
    }

    private static string Key(int meetingId) => $"tally:{meetingId}";
}
