using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ZonePoll.Web.Tally;

/// <summary>A meeting's snapshot at one version, for managers and for reps, as objects and as the JSON tally.json sends.</summary>
public sealed record CachedTally(int Version, DateOnly Today, TallySnapshot Manager, TallySnapshot Rep, byte[] ManagerJson, byte[] RepJson)
{
    /// <summary>Changes with the version, the day (overdue follow-ups and the clock move at midnight UTC) and what the caller may see.</summary>
    public string ETag(bool manager) => $"W/\"{Version}-{Today.DayNumber}-{(manager ? "m" : "r")}\"";
}

/// <summary>
/// Snapshots built once per <see cref="Meetings.Meeting.TallyVersion"/>: tally.json, the projector's first load and
/// the hub ask with the version they read, and only a newer version (or a new day) costs a build. A version read
/// before the build can only label a snapshot as older than it is, never newer, so nothing stale outlives a bump.
/// </summary>
public sealed class TallyCache(IMemoryCache cache, TimeProvider clock, IOptions<JsonOptions> json)
{
    // Meetings nobody looks at drop out; a projected one is asked for at every change.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    public async Task<CachedTally?> GetAsync(int meetingId, int version, TallyQuery query, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (cache.TryGetValue(Key(meetingId), out CachedTally? hit) && hit!.Version >= version && hit.Today == today)
        {
            return hit;
        }

        if (await query.BuildAsync(meetingId, cancellationToken) is not { } snapshot)
        {
            cache.Remove(Key(meetingId));
            return null;
        }

        var rep = snapshot.ForRep();
        var options = json.Value.SerializerOptions;
        var built = new CachedTally(version, today, snapshot, rep, JsonSerializer.SerializeToUtf8Bytes(snapshot, options), JsonSerializer.SerializeToUtf8Bytes(rep, options));
        // Two builds racing: keep the newer version.
        if (!cache.TryGetValue(Key(meetingId), out CachedTally? current) || current!.Version <= version || current.Today != today)
        {
            cache.Set(Key(meetingId), built, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        }

        return built;
    }

    private static string Key(int meetingId) => $"tally:{meetingId}";
}
