using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Handouts;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;

namespace ZonePoll.Bench;

/// <summary>
/// Handout of a 50-rep meeting: the snapshot query plus the PDF, and the file's size. Measured twice: with the
/// seeded Latin names, then with reps and customers renamed into Japanese, Chinese, Arabic and Hebrew (shaped, and
/// drawn from fallback fonts cut down for the document). With <c>--actions N</c> the meeting has N actions (a third
/// from a prompt, a third about a customer, some done, some overdue) and the previous meeting a third as many, half
/// done; their texts are renamed into the same scripts.
/// </summary>
internal static class HandoutBench
{
    private static readonly string[] RepNames = ["山田太郎", "王小明", "فاطمة الزهراء", "דוד כהן", "佐藤花子", "محمد العلي", "שרה לוי", "李静"];

    private static readonly string[] CustomerNames =
        ["株式会社さくら", "北京贸易有限公司", "شركة الأمل", "שלום בע״מ", "東京物産", "上海电子", "مؤسسة النور", "אורן תעשיות"];

    private static readonly string[] ActionTexts =
        ["請求書の誤りを直して再発行する", "向客户确认下个月的交货日期", "الاتصال بالعميل بشأن تأخير التسليم", "לקבוע פגישה עם מנהל הרכש"];

    public static async Task RunAsync(int reps, int iterations, int actions, string? savePath)
    {
        using var database = new BenchDatabase();
        var team = await database.SeedAsync(reps, reps);
        await SeedActionsAsync(database, team.TeamId, actions);
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

        Console.WriteLine($"handout, {label}: {reps} reps, {pdf.Length / 1024.0:F1} KB, {CountPages(pdf)} pages");
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

        var actions = await db.MeetingActions.Where(a => a.TeamId == teamId).OrderBy(a => a.Id).ToListAsync();
        for (var i = 0; i < actions.Count; i++)
        {
            actions[i].Text = $"{ActionTexts[i % ActionTexts.Length]} {i + 1}";
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// <paramref name="count"/> actions on the latest meeting, owned by reps in turn, and a third as many on the one
    /// before (half of them done), so the handout prints this meeting's, last time's and those under their prompts.
    /// </summary>
    private static async Task SeedActionsAsync(BenchDatabase database, int teamId, int count)
    {
        if (count == 0)
        {
            return;
        }

        await using var db = database.Open();
        var meetings = await db.Meetings.Where(m => m.TeamId == teamId).OrderByDescending(m => m.Date).Select(m => new { m.Id, m.Date }).ToListAsync();
        var owners = await db.TeamMembers.Where(m => m.TeamId == teamId).OrderBy(m => m.UserId).Select(m => m.UserId).ToListAsync();
        var customers = await db.Customers.Where(c => c.TeamId == teamId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (meeting, n, earlier) in new[] { (meetings[0], count, false) }.Concat(meetings.Skip(1).Take(1).Select(m => (m, count / 3, true))))
        {
            var prompts = await db.MeetingPrompts.Where(p => p.MeetingId == meeting.Id).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync();
            for (var i = 0; i < n; i++)
            {
                db.MeetingActions.Add(new MeetingAction
                {
                    TeamId = teamId,
                    MeetingId = meeting.Id,
                    Text = $"Call the customer about the delivery delay and agree a new date {i + 1}",
                    OwnerId = owners[i % owners.Count],
                    DueOn = i % 5 == 0 ? today.AddDays(-3) : today.AddDays(14 + i),
                    CustomerId = i % 3 == 1 ? customers[i * 7 % customers.Count] : null,
                    PromptId = i % 3 == 0 && prompts.Count > 0 ? prompts[i / 3 % prompts.Count] : null,
                    CreatedAt = DateTimeOffset.UtcNow,
                    DoneOn = (earlier ? i % 2 == 0 : i % 4 == 3) ? today : null,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
}
