using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

/// <summary>
/// Thousands of generated worksheet posts, from a fixed seed so a failure replays: row counts, list indexes, lengths,
/// code points (including NUL, broken UTF-8 and noncharacters), enum values and versions. None may get a 5xx, and
/// the database must still hold only valid worksheets.
/// </summary>
public class WorksheetFormFuzzTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private const int Posts = 2_000;
    private const int Seed = 20261125;

    private static readonly string[] Zones =
    [
        "Recovery", "Expectations", "Surprises", "", "0", "1", "7", "-1", "recovery", "Recovery,Surprises", " Surprises", "Surprises ", "null", "Zone.Recovery",
    ];
    private static readonly string[] AccountTypes = ["Key", "Growth", "New", "Standard", "", "3", "key", "Key,New", "Platinum"];
    private static readonly string[] Pinches = ["true", "true", "false", "", "on", "1", "TRUE"];
    private static readonly string[] Causes = ["Responsiveness", "Respect", "Reliability", "None", "7", "", "respect", "Respect,Reliability"];

    // Pieces of text: ordinary, accented, combining, wide, emoji (a surrogate pair), invisible, and the hostile ones.
    private static readonly string[] Pieces =
    [
        "Acme", "Müller", "Zoë", " ", "  ", "GmbH", "北京", "😀", "\u0301", "\u200B", "\u00A0", "&amp;", "<b>", "\"", "'", "=SUM(A1)", "\n", "\r\n", "\t",
        "\u0000", "\u0001", "\u001B", "\uFFFE", "\uFDD0", "\uFFFD", "\u202E", "%", "+", "&", "=",
    ];

    private static string Text(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        for (var i = random.Next(maxPieces + 1); i > 0; i--)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        if (random.Next(20) == 0)
        {
            text.Append('x', random.Next(90, 520));
        }

        return text.ToString();
    }

    /// <summary>URL-encodes as a browser would, except that now and then a raw broken UTF-8 sequence goes in.</summary>
    private static string Encode(Random random, string value)
    {
        var encoded = Uri.EscapeDataString(value);
        return random.Next(25) switch
        {
            0 => encoded + "%ED%A0%80",
            1 => "%FF" + encoded,
            2 => encoded + "%C3",
            _ => encoded,
        };
    }

    private static List<(string Key, string Value)> Generate(Random random, int currentVersion)
    {
        var fields = new List<(string, string)>();
        var rowCount = random.Next(16);
        var explicitIndexes = random.Next(4) == 0;
        for (var row = 0; row < rowCount; row++)
        {
            var index = explicitIndexes
                ? random.Next(3) switch
                {
                    0 => row.ToString(CultureInfo.InvariantCulture),
                    1 => random.Next(-3, 40).ToString(CultureInfo.InvariantCulture),
                    _ => "k" + random.Next(5),
                }
                : row.ToString(CultureInfo.InvariantCulture);
            if (explicitIndexes)
            {
                fields.Add(("Rows.index", index));
            }

            var prefix = $"Rows[{index}]";
            if (random.Next(6) > 0)
            {
                fields.Add(($"{prefix}.Name", Text(random, 4)));
            }

            if (random.Next(5) > 0)
            {
                fields.Add(($"{prefix}.Zone", Zones[random.Next(Zones.Length)]));
            }

            if (random.Next(3) > 0)
            {
                fields.Add(($"{prefix}.AccountType", AccountTypes[random.Next(AccountTypes.Length)]));
            }

            if (random.Next(3) == 0)
            {
                fields.Add(($"{prefix}.Note", Text(random, 6)));
            }

            if (random.Next(4) == 0)
            {
                fields.Add(($"{prefix}.Pinch", Pinches[random.Next(Pinches.Length)]));
            }

            for (var c = random.Next(3) == 0 ? random.Next(1, 4) : 0; c > 0; c--)
            {
                fields.Add(($"{prefix}.Causes", Causes[random.Next(Causes.Length)]));
            }
        }

        fields.Add(("Version", random.Next(6) switch
        {
            0 => "0",
            1 => "x",
            2 => "99999999999",
            3 => random.Next(-5, 50).ToString(CultureInfo.InvariantCulture),
            _ => currentVersion.ToString(CultureInfo.InvariantCulture),
        }));
        return fields;
    }

    [Fact]
    public async Task TwoThousandGeneratedPostsGetNoServerErrorAndLeaveOnlyValidWorksheets()
    {
        var team = await factory.CreateTeamAsync(reps: 4);
        var reps = new List<(HttpClient Client, string Token)>();
        foreach (var repId in team.RepIds)
        {
            var client = factory.CreateClientFor(repId);
            var page = await client.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
            reps.Add((client, page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value));
        }

        var random = new Random(Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var followUpChecks = new List<int>();
        var failures = new List<string>();
        for (var post = 0; post < Posts; post++)
        {
            var (client, token) = reps[post % reps.Count];
            var version = await factory.WithDbAsync(db => db.Worksheets
                .Where(w => w.MeetingId == team.MeetingId && w.RepId == team.RepIds[post % reps.Count])
                .Select(w => w.Version).FirstOrDefaultAsync());
            var fields = Generate(random, version);
            var body = string.Join('&', fields
                .Select(f => $"{Encode(random, f.Key)}={Encode(random, f.Value)}")
                .Append($"__RequestVerificationToken={Uri.EscapeDataString(token)}"));
            using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");

            using var response = await client.PostAsync($"/meetings/{team.MeetingId}/worksheet", content);

            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (post % 100 == 99)
            {
                followUpChecks.Add(await CheckOneOpenFollowUpPerCustomerNeedingOneAsync(team));
            }

            if ((int)response.StatusCode >= 500 && failures.Count < 5)
            {
                failures.Add($"post {post} (seed {Seed}) answered {(int)response.StatusCode}: {body}");
            }
        }

        Assert.Empty(failures);
        // The generator reaches every outcome: saved, refused at a row, and changed elsewhere.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Redirect) > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.UnprocessableEntity) > 500, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Conflict) > 10, string.Join(", ", statuses));

        var worksheets = await factory.WithDbAsync(db => db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == team.MeetingId)
            .Select(w => w.Entries.Select(e => new { e.Position, e.CustomerName, e.Note, e.Zone, e.AccountType, e.Pinched, e.Causes }).ToList())
            .ToListAsync());
        Assert.NotEmpty(worksheets);
        Assert.All(worksheets, entries =>
        {
            Assert.InRange(entries.Count, 0, 10);
            Assert.Equal(entries.Count, entries.Select(e => e.Position).Distinct().Count());
            Assert.All(entries, e =>
            {
                Assert.InRange(e.Position, 0, 9);
                Assert.Null(TextRules.Problem(e.CustomerName, TextKind.Name));
                Assert.False(TextRules.IsBlank(e.CustomerName));
                Assert.InRange(e.CustomerName.Length, 1, 100);
                Assert.True(e.Note is null || (e.Note.Length <= 500 && TextRules.Problem(e.Note, TextKind.Multiline) is null));
                Assert.True(Enum.IsDefined(e.Zone) && Enum.IsDefined(e.AccountType));
                Assert.True(!e.Pinched || e.Zone == Zone.Expectations);
                Assert.True(e.Causes == ThreeRs.None || e.Zone != Zone.Surprises);
            });
        });

        Assert.True(followUpChecks.Count(c => c > 0) >= 3, $"Customers needing a follow-up at each check: {string.Join(", ", followUpChecks)}");
    }

    /// <summary>Exactly one open follow-up for each customer someone has in Recovery or pinched, and none for anyone else.</summary>
    private async Task<int> CheckOneOpenFollowUpPerCustomerNeedingOneAsync(TeamSetup team)
    {
        var needing = await factory.WithDbAsync(db => db.Entries.AsNoTracking()
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId) && (e.Zone == Zone.Recovery || e.Pinched))
            .Select(e => e.CustomerId).Distinct().OrderBy(id => id).ToListAsync());
        var open = await factory.WithDbAsync(db => db.FollowUps.AsNoTracking()
            .Where(f => f.TeamId == team.TeamId && f.ClosedAt == null)
            .Select(f => f.CustomerId).OrderBy(id => id).ToListAsync());
        Assert.Equal(needing, open);
        return needing.Count;
    }
}
