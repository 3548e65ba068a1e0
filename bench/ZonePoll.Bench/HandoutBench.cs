using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Handouts;
using ZonePoll.Web.Tally;

namespace ZonePoll.Bench;

/// <summary>
/// Handout of a 50-rep meeting: the snapshot query plus the PDF, and the file's size. Measured twice: with the
/// seeded Latin names, then with reps and customers renamed into Japanese, Chinese, Arabic and Hebrew (shaped, and
/// drawn from fallback fonts cut down for the document).
/// </summary>
internal static class HandoutBench
{
    private static readonly string[] RepNames = ["山田太郎", "王小明", "فاطمة الزهراء", "דוד כהן", "佐藤花子", "محمد العلي", "שרה לוי", "李静"];

    private static readonly string[] CustomerNames =
        ["株式会社さくら", "北京贸易有限公司", "شركة الأمل", "שלום בע״מ", "東京物産", "上海电子", "مؤسسة النور", "אורן תעשיות"];

    public static async Task RunAsync(int reps, int iterations, string? savePath)
    {
        using var database = new BenchDatabase();
        var team = await database.SeedAsync(reps, reps);
        using var fonts = new HandoutFonts();
        if (fonts.Missing.Count > 0)
        {
            Console.WriteLine($"handout: fonts missing ({string.Join(", ", fonts.Missing.Select(f => f.Package).Distinct())}): those scripts print as □");
        }

        var renderer = new HandoutRenderer(fonts, TimeProvider.System);
        await MeasureAsync(database, renderer, team.MeetingId, reps, iterations, "Latin names", null);
        await RenameAsync(database, team.TeamId);
        await MeasureAsync(database, renderer, team.MeetingId, reps, iterations, "Japanese, Chinese, Arabic and Hebrew names", savePath);
    }

    private static async Task MeasureAsync(
        BenchDatabase database, HandoutRenderer renderer, int meetingId, int reps, int iterations, string label, string? savePath)
    {
        byte[] pdf = [];
        var renders = new List<double>();
        var totals = new List<double>();
        for (var i = 0; i < iterations + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var db = database.Open();
            var tally = (await new TallyQuery(db, TimeProvider.System).BuildAsync(meetingId, CancellationToken.None))!;
            var rendering = Stopwatch.GetTimestamp();
            pdf = renderer.Render(tally);
            if (i >= 5)
            {
                renders.Add(Stopwatch.GetElapsedTime(rendering).TotalMilliseconds);
                totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"handout, {label}: {reps} reps, {pdf.Length / 1024.0:F1} KB");
        Console.WriteLine($"handout, {label}: query + render: {Stats.Describe(totals)}");
        Console.WriteLine($"handout, {label}: render alone: {Stats.Describe(renders)}");
        if (savePath is not null)
        {
            await File.WriteAllBytesAsync(savePath, pdf);
            Console.WriteLine($"handout: written to {savePath}");
        }
    }

    /// <summary>Every rep and every customer of the team renamed, round the scripts in turn; a number keeps each unique.</summary>
    private static async Task RenameAsync(BenchDatabase database, int teamId)
    {
        await using var db = database.Open();
        var members = await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.UserId).ToListAsync();
        var users = await db.Users.Where(u => members.Contains(u.Id)).OrderBy(u => u.DisplayName).ToListAsync();
        for (var i = 0; i < users.Count; i++)
        {
            users[i].DisplayName = $"{RepNames[i % RepNames.Length]} {i + 1}";
        }

        var customers = await db.Customers.Where(c => c.TeamId == teamId).OrderBy(c => c.Id).ToListAsync();
        for (var i = 0; i < customers.Count; i++)
        {
            customers[i].Name = $"{CustomerNames[i % CustomerNames.Length]} {i + 1}";
        }

        await db.SaveChangesAsync();
    }
}
