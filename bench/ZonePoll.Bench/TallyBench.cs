using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZonePoll.Web.Tally;

namespace ZonePoll.Bench;

/// <summary>Snapshot of a 500-rep meeting (5,000 entries) from the database: query plus build, as a request does it.</summary>
internal static class TallyBench
{
    public static async Task RunAsync(int reps, int iterations, string? postgres)
    {
        using var database = new BenchDatabase(postgres);
        var team = await database.SeedAsync(reps, reps);
        var json = new JsonSerializerOptions();
        TallyEndpoints.Configure(json);

        for (var i = 0; i < 50; i++)
        {
            await BuildOnceAsync(database, team.MeetingId);
        }

        var timings = new List<double>(iterations);
        TallySnapshot? last = null;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = await BuildOnceAsync(database, team.MeetingId);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var loads = new List<double>();
        var builds = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            await using var db = database.Open();
            var started = Stopwatch.GetTimestamp();
            var input = (await new TallyQuery(db, TimeProvider.System).LoadAsync(team.MeetingId, CancellationToken.None))!;
            loads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            TallyBuilder.Build(input);
            builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // What requests and the hub pay: the versioned cache. A hit is a version check; a miss (the first ask after a
        // save bumped the version) is the query, the build and both JSON bodies.
        var jsonOptions = new JsonOptions();
        TallyEndpoints.Configure(jsonOptions.SerializerOptions);
        var cache = new TallyCache(new MemoryCache(new MemoryCacheOptions()), TimeProvider.System, Options.Create(jsonOptions));
        var misses = new List<double>();
        var hits = new List<double>();
        for (var version = 1; version <= iterations; version++)
        {
            await using var db = database.Open();
            var query = new TallyQuery(db, TimeProvider.System);
            var started = Stopwatch.GetTimestamp();
            await cache.GetAsync(team.MeetingId, version, query, CancellationToken.None);
            misses.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < 20; i++)
            {
                started = Stopwatch.GetTimestamp();
                await cache.GetAsync(team.MeetingId, version, query, CancellationToken.None);
                hits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"tally: {reps} reps, {last!.Entries} entries, {last.Customers} customers, {last.Shared.Count} shared");
        Console.WriteLine($"tally: from the cache, same version: {Stats.Describe(hits)}");
        Console.WriteLine($"tally: rebuilt after a version bump (query, build, both JSON bodies): {Stats.Describe(misses)}");
        Console.WriteLine($"tally: query + build, fresh DbContext each time: {Stats.Describe(timings)}");
        Console.WriteLine($"tally: of which the query: {Stats.Describe(loads)}");
        Console.WriteLine($"tally: of which the build: {Stats.Describe(builds)}");
        Console.WriteLine($"tally: snapshot JSON {JsonSerializer.SerializeToUtf8Bytes(last, json).Length / 1024.0:F1} KB (manager), {JsonSerializer.SerializeToUtf8Bytes(last.ForRep(), json).Length / 1024.0:F1} KB (rep)");
    }

    private static async Task<TallySnapshot> BuildOnceAsync(BenchDatabase database, int meetingId)
    {
        await using var db = database.Open();
        return (await new TallyQuery(db, TimeProvider.System).BuildAsync(meetingId, CancellationToken.None))!;
    }
}
