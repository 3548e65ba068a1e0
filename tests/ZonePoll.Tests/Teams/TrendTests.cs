using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Teams;

public class TrendTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    /// <summary>November: two reps, four customers; December (only rep 1 in): Müller out of Recovery into Surprises, Acme lost.</summary>
    private async Task<TeamSetup> TwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rep1 = factory.CreateClientFor(team.RepIds[0]);
        await rep1.SaveWorksheetAsync(team.MeetingId, ("Müller GmbH", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null),
            ("Zoë's Bakery", "Surprises", "New", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Beta", "Expectations", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep1.SaveCarriedForwardAsync(december, droppedRow: 1, acme, "StoppedBuying", new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });
        return team;
    }

    private static readonly string[] CountNames = ["customers", "recovery", "expectations", "surprises", "recoveryPercent", "expectationsPercent",
        "surprisesPercent"];

    private static readonly string[] ComparisonNames = ["outOfRecovery", "lost", "base", "churnRate"];

    private Task<int> RevealAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));

    private static int[] Counts(JsonElement meeting) =>
        [.. CountNames.Select(n => meeting.GetProperty(n).GetInt32())];

    [Fact]
    public async Task TrendJsonGivesEveryRevealedMeetingOldestFirstToManagersAndRepsAlike()
    {
        var team = await TwoMeetingsAsync();
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.TeamId == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));

        var forManager = await factory.CreateClientFor(team.ManagerId).GetStringAsync($"/teams/{team.TeamId}/trend.json");
        var forRep = await factory.CreateClientFor(team.RepIds[1]).GetStringAsync($"/teams/{team.TeamId}/trend.json");

        Assert.Equal(forManager, forRep);
        var meetings = JsonDocument.Parse(forManager).RootElement.GetProperty("meetings");
        Assert.Equal(["November meeting", "December meeting"], meetings.EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, meetings[0].GetProperty("churnRate").ValueKind);
        var december = meetings[1];
        Assert.Equal((2, 1, 1, 4, 0.25),
            (december.GetProperty("customers").GetInt32(), december.GetProperty("outOfRecovery").GetInt32(), december.GetProperty("lost").GetInt32(),
                december.GetProperty("base").GetInt32(), december.GetProperty("churnRate").GetDouble()));
        Assert.Equal((0, 0, 100),
            (december.GetProperty("recoveryPercent").GetInt32(), december.GetProperty("expectationsPercent").GetInt32(),
                december.GetProperty("surprisesPercent").GetInt32()));
    }

    [Fact]
    public async Task RepsSeeNoCountsInTheTrendForAMeetingNotYetRevealed()
    {
        var team = await TwoMeetingsAsync();
        var rep = factory.CreateClientFor(team.RepIds[1]);

        var before = JsonDocument.Parse(await rep.GetStringAsync($"/teams/{team.TeamId}/trend.json")).RootElement.GetProperty("meetings");
        var forManager = JsonDocument.Parse(await factory.CreateClientFor(team.ManagerId).GetStringAsync($"/teams/{team.TeamId}/trend.json"))
            .RootElement.GetProperty("meetings");
        await RevealAsync(team.MeetingId);
        var after = JsonDocument.Parse(await rep.GetStringAsync($"/teams/{team.TeamId}/trend.json")).RootElement.GetProperty("meetings");

        // Both meetings are listed, neither with a number, as tally.json shows reps an unrevealed meeting.
        Assert.Equal(["November meeting", "December meeting"], before.EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        foreach (var meeting in before.EnumerateArray())
        {
            Assert.All(Counts(meeting), count => Assert.Equal(0, count));
            Assert.False(meeting.GetProperty("revealed").GetBoolean());
            Assert.All(ComparisonNames, n => Assert.Equal(JsonValueKind.Null, meeting.GetProperty(n).ValueKind));
        }

        // Managers see everything; once November is revealed, reps see its numbers and still none of December's.
        Assert.Equal([4, 1, 2, 1, 25, 50, 25], Counts(forManager[0]));
        Assert.Equal([2, 0, 0, 2, 0, 0, 100], Counts(forManager[1]));
        Assert.Equal([4, 1, 2, 1, 25, 50, 25], Counts(after[0]));
        Assert.True(after[0].GetProperty("revealed").GetBoolean());
        Assert.All(Counts(after[1]), count => Assert.Equal(0, count));
        Assert.Equal(JsonValueKind.Null, after[1].GetProperty("churnRate").ValueKind);
    }

    [Fact]
    public async Task TrendCsvIsForManagersAndTheTrendIsHiddenFromOutsiders()
    {
        var team = await TwoMeetingsAsync();
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider"));

        using var csv = await factory.CreateClientFor(team.ManagerId).GetAsync($"/teams/{team.TeamId}/trend.csv");
        using var repCsv = await factory.CreateClientFor(team.RepIds[0]).GetAsync($"/teams/{team.TeamId}/trend.csv");
        using var outsiderJson = await outsider.GetAsync($"/teams/{team.TeamId}/trend.json");
        using var anonymousJson = await factory.CreateAnonymousClient().GetAsync($"/teams/{team.TeamId}/trend.json");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = CsvRows.Parse((await csv.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Equal("Churn %", rows[0][^1]);
        Assert.Equal(["December meeting", "2026-12-17", "2", "0", "0", "2", "0", "0", "100", "1", "1", "4", "25"], rows[2]);
        Assert.Equal(HttpStatusCode.Forbidden, repCsv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderJson.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousJson.StatusCode);
    }

    [Fact]
    public async Task TheTeamPageDrawsTheTrendWithATableOfTheSameNumbers()
    {
        var team = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}");

        Assert.Equal(2, page.QuerySelectorAll("#trend svg .trend-bar").Length);
        Assert.Equal("img", page.QuerySelector("#trend svg")!.GetAttribute("role"));
        var december = page.QuerySelectorAll("#trend-table tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["17 Dec 2026", "2", "0 %", "0 %", "100 %", "1", "25 % (1 of 4)"], december);
    }
}
