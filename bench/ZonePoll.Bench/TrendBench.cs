using System.Diagnostics;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Bench;

/// <summary>
/// A team with a long history (24 meetings × 200 reps × 10 customers = 48,000 entries): the trend as the team page
/// and trend.json pay it (query + build), and the latest meeting's tally snapshot with matrix and churn.
/// </summary>
internal static class TrendBench
{
    public static async Task RunAsync(int reps, int meetings, int iterations)
    {
        using var database = new BenchDatabase();
        var team = await database.SeedAsync(reps, reps, meetings);

        var trends = await TimeAsync(iterations, async () =>
        {
            await using var db = database.Open();
            return (await new TrendQuery(db).LoadAsync(team.TeamId, "Bench team", CancellationToken.None)).Meetings.Count;
        });
        var tallies = await TimeAsync(iterations, async () =>
        {
            await using var db = database.Open();
            return (await new TallyQuery(db, TimeProvider.System).BuildAsync(team.MeetingId, CancellationToken.None))!.Entries;
        });

        Console.WriteLine($"trend: {meetings} meetings × {reps} reps × 10 = {meetings * reps * 10} entries");
        Console.WriteLine($"trend: query + build, fresh DbContext each time: {Stats.Describe(trends)}");
        Console.WriteLine($"trend: latest meeting's tally snapshot (matrix, churn, per-rep previous): {Stats.Describe(tallies)}");
    }

    private static async Task<List<double>> TimeAsync(int iterations, Func<Task<int>> work)
    {
        for (var i = 0; i < 20; i++)
        {
            await work();
        }

        var timings = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return timings;
    }
}
