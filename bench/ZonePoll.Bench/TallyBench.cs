using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Bench;

/// <summary>Snapshot of a meeting (500 reps, 5,000 entries by default) from the database: from scratch, from the cache, and rebuilt after a save.</summary>
internal static class TallyBench
{
    public static async Task RunAsync(int reps, int iterations, string? postgres)
    {
        using var database = new BenchDatabase(postgres);
        var team = await database.SeedAsync(reps, reps);
        var followUps = await database.AddFollowUpsAsync(team);
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

        // What requests and the hub pay: the versioned cache. A hit is a version check; a miss is the first ask after
        // a save bumped the version: one worksheet moved, so the query re-reads that one and the builder runs.
        var jsonOptions = new JsonOptions();
        TallyEndpoints.Configure(jsonOptions.SerializerOptions);
        // The cache builds with its own loader, in a scope of its own, as in the app.
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped<ZonePollDbContext>(_ => database.Open())
            .AddScoped<TallyQuery>()
            .AddMetrics()
            .AddSingleton(Options.Create(new ZonePoll.Web.Infrastructure.MetricsSettings()))
            .AddSingleton<ZonePoll.Web.Infrastructure.ZonePollMetrics>()
            .BuildServiceProvider();
        var cache = new TallyCache(
            new MemoryCache(new MemoryCacheOptions()),
            services.GetRequiredService<IServiceScopeFactory>(),
            TimeProvider.System,
            Options.Create(jsonOptions),
            services.GetRequiredService<ZonePoll.Web.Infrastructure.ZonePollMetrics>());
        List<int> sheets;
        await using (var db = database.Open())
        {
            sheets = await db.Worksheets.Where(w => w.MeetingId == team.MeetingId).Select(w => w.Id).ToListAsync();
        }

        var misses = new List<double>();
        var bodies = new List<double>();
        var hits = new List<double>();
        var allocated = new List<double>();
        for (var version = 1; version <= iterations; version++)
        {
            await using var db = database.Open();
            var sheet = sheets[version % sheets.Count];
            var note = "Called back, round " + version;
            await db.Database.ExecuteSqlAsync($"""UPDATE "Entries" SET "Note" = {note} WHERE "WorksheetId" = {sheet} AND "Position" = 0""");
            await db.Database.ExecuteSqlAsync($"""UPDATE "Worksheets" SET "Version" = "Version" + 1 WHERE "Id" = {sheet}""");
            // A room's save opens or closes a follow-up or two.
            var followUp = followUps[version % followUps.Count];
            await db.Database.ExecuteSqlAsync($"""UPDATE "FollowUps" SET "Version" = "Version" + 1 WHERE "Id" = {followUp}""");
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            var tally = (await cache.GetAsync(team.MeetingId, version, CancellationToken.None))!;
            misses.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // What a room pays per build besides the time: the garbage, and the hub's two messages with it.
            _ = (tally.ManagerMessage, tally.RepMessage);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0);
            started = Stopwatch.GetTimestamp();
            _ = (tally.ManagerJson, tally.RepJson);
            bodies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < 20; i++)
            {
                started = Stopwatch.GetTimestamp();
                await cache.GetAsync(team.MeetingId, version, CancellationToken.None);
                hits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine(
            $"tally: {reps} reps, {last!.Entries} entries, {last.Customers} customers, {last.Shared.Count} shared, {followUps.Count} follow-ups");
        Console.WriteLine($"tally: from the cache, same version: {Stats.Describe(hits)}");
        Console.WriteLine($"tally: rebuilt after a save (re-read one worksheet and one follow-up, build): {Stats.Describe(misses)}");
        Console.WriteLine($"tally: allocated by that rebuild and the hub's two messages: {Stats.Describe(allocated, "KB")}");
        Console.WriteLine($"tally: then both JSON bodies, on the first tally.json: {Stats.Describe(bodies)}");
        Console.WriteLine($"tally: from scratch (query + build), fresh DbContext each time: {Stats.Describe(timings)}");
        Console.WriteLine($"tally: of which the query: {Stats.Describe(loads)}");
        Console.WriteLine($"tally: of which the build: {Stats.Describe(builds)}");
        var managerKb = JsonSerializer.SerializeToUtf8Bytes(last, json).Length / 1024.0;
        var projectorKb = JsonSerializer.SerializeToUtf8Bytes(last.ForProjector(), json).Length / 1024.0;
        var repKb = JsonSerializer.SerializeToUtf8Bytes(last.ForRep(), json).Length / 1024.0;
        Console.WriteLine($"tally: snapshot JSON {managerKb:F1} KB (manager), {projectorKb:F1} KB (the projector's message), {repKb:F1} KB (rep)");
    }

    private static async Task<TallySnapshot> BuildOnceAsync(BenchDatabase database, int meetingId)
    {
        await using var db = database.Open();
        return (await new TallyQuery(db, TimeProvider.System).BuildAsync(meetingId, CancellationToken.None))!;
    }
}
