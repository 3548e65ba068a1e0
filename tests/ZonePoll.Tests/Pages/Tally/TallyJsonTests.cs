using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Tally;

public class TallyJsonTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<JsonElement> GetTallyAsync(HttpClient client, int meetingId)
    {
        using var response = await client.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<TeamSetup> TeamWithSavesAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Müller GmbH", "Recovery", "Key", "late deliveries"), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId,
            ("muller gmbh", "Expectations", "Key", null), ("Beta", "Surprises", "Growth", null), ("Gamma", "Surprises", "Standard", null), ("Delta", "Recovery", "Growth", "invoice errors"));
        return team;
    }

    [Fact]
    public async Task TheManagersTallyCountsEveryRepsSaves()
    {
        var team = await TeamWithSavesAsync();

        var tally = await GetTallyAsync(factory.CreateClientFor(team.ManagerId), team.MeetingId);

        // Müller is on two worksheets: counted once, in Recovery (the lower zone).
        Assert.Equal(6, tally.GetProperty("customers").GetInt32());
        Assert.Equal(7, tally.GetProperty("entries").GetInt32());
        var zones = tally.GetProperty("zones").EnumerateArray().Select(z => (z.GetProperty("zone").GetString(), z.GetProperty("count").GetInt32(), z.GetProperty("percent").GetInt32())).ToList();
        Assert.Equal([("Recovery", 2, 33), ("Expectations", 1, 17), ("Surprises", 3, 50)], zones);
        var participation = tally.GetProperty("participation");
        Assert.Equal((2, 3), (participation.GetProperty("repsIn").GetInt32(), participation.GetProperty("repsTotal").GetInt32()));
        Assert.Equal(["Rep 3"], participation.GetProperty("notSubmitted").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Müller GmbH", "Delta"], tally.GetProperty("recovery").EnumerateArray().Select(r => r.GetProperty("customer").GetString()));
        Assert.Equal(2, tally.GetProperty("reps").GetArrayLength());
        Assert.Equal("Müller GmbH", tally.GetProperty("shared")[0].GetProperty("customer").GetString());
        Assert.Equal("2026-11-26", tally.GetProperty("date").GetString());
        Assert.Equal(6, tally.GetProperty("prompts").GetArrayLength());
    }

    [Fact]
    public async Task ARepGetsTeamTotalsButNoOtherRepsNames()
    {
        var team = await TeamWithSavesAsync();

        using var response = await factory.CreateClientFor(team.RepIds[2]).GetAsync($"/meetings/{team.MeetingId}/tally.json");
        var json = await response.Content.ReadAsStringAsync();
        var tally = JsonDocument.Parse(json).RootElement;

        Assert.Equal(6, tally.GetProperty("customers").GetInt32());
        Assert.Equal(0, tally.GetProperty("reps").GetArrayLength());
        Assert.Equal(0, tally.GetProperty("participation").GetProperty("notSubmitted").GetArrayLength());
        Assert.DoesNotContain("Rep 1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep 2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Müller", json, StringComparison.Ordinal);
        Assert.DoesNotContain("late deliveries", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonMembersGetNotFoundAndAnonymousCallersGetUnauthorized()
    {
        var team = await TeamWithSavesAsync();
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider"));

        using var tally = await outsider.GetAsync($"/meetings/{team.MeetingId}/tally.json");
        using var csv = await outsider.GetAsync($"/meetings/{team.MeetingId}/entries.csv");
        using var present = await outsider.GetAsync($"/meetings/{team.MeetingId}/present");
        using var anonymous = await factory.CreateAnonymousClient().GetAsync($"/meetings/{team.MeetingId}/tally.json");

        Assert.Equal(HttpStatusCode.NotFound, tally.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, present.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Müller", await tally.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepsAreForbiddenTheCsvAndTheProjector()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);

        using var csv = await rep.GetAsync($"/meetings/{team.MeetingId}/entries.csv");
        using var present = await rep.GetAsync($"/meetings/{team.MeetingId}/present");

        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, present.StatusCode);
    }

    [Fact]
    public async Task TheCsvRoundTripsUnicodeCommasQuotesAndNewlinesAndDefusesFormulas()
    {
        var team = await factory.CreateTeamAsync(reps: 2, teamName: "Sales North");
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Zoë, \"the\" Bakery", "Surprises", "New", "line one\nline two, with comma"),
            ("日本商事", "Expectations", "Key", "=HYPERLINK(\"http://evil\")"),
            ("-Minus Co", "Recovery", "Growth", "@mention"));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("+Plus Ltd", "Expectations", "Standard", null));

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/entries.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("zonepoll-sales-north-2026-11-26-entries.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvReader.Parse(System.Text.Encoding.UTF8.GetString(bytes[3..]));

        Assert.Equal(["Meeting", "Date", "Rep", "Customer", "Zone", "Account type", "Note", "Last saved (UTC)"], rows[0]);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(8, r.Count));
        var zoe = rows.Single(r => r[3] == "Zoë, \"the\" Bakery");
        Assert.Equal(["November meeting", "2026-11-26", "Rep 1"], zoe[..3]);
        Assert.Equal(("Service Surprises", "New", "line one\nline two, with comma"), (zoe[4], zoe[5], zoe[6]));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows.Single(r => r[3] == "日本商事")[6]);
        Assert.Equal(("'-Minus Co", "'@mention"), (rows[3][3], rows[3][6]));
        Assert.Equal("'+Plus Ltd", rows[4][3]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", rows[1][7]);
    }
}
