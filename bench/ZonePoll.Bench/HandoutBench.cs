using System.Diagnostics;
using ZonePoll.Web.Handouts;
using ZonePoll.Web.Tally;

namespace ZonePoll.Bench;

/// <summary>Handout of a 50-rep meeting: the snapshot query plus the PDF, and the file's size.</summary>
internal static class HandoutBench
{
    public static async Task RunAsync(int reps, int iterations, string? savePath)
    {
        using var database = new BenchDatabase();
        var team = await database.SeedAsync(reps, reps);
        using var fonts = new HandoutFonts();
        var renderer = new HandoutRenderer(fonts, TimeProvider.System);

        byte[] pdf = [];
        var renders = new List<double>();
        var totals = new List<double>();
        for (var i = 0; i < iterations + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var db = database.Open();
            var tally = (await new TallyQuery(db, TimeProvider.System).BuildAsync(team.MeetingId, CancellationToken.None))!;
            var rendering = Stopwatch.GetTimestamp();
            pdf = renderer.Render(tally);
            if (i >= 5)
            {
                renders.Add(Stopwatch.GetElapsedTime(rendering).TotalMilliseconds);
                totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"handout: {reps} reps, {pdf.Length / 1024.0:F1} KB");
        Console.WriteLine($"handout: query + render: {Stats.Describe(totals)}");
        Console.WriteLine($"handout: render alone: {Stats.Describe(renders)}");
        if (savePath is not null)
        {
            await File.WriteAllBytesAsync(savePath, pdf);
            Console.WriteLine($"handout: written to {savePath}");
        }
    }
}
