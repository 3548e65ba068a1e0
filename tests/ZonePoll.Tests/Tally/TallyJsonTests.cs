using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Tally;

public class TallyJsonTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<JsonElement> GetTallyAsync(HttpClient client, int meetingId)
    {
        using var response = await client.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<TeamSetup> TeamWithSavesAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Müller GmbH", "Recovery", "Key", "late deliveries"), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId,
            ("muller gmbh", "Expectations", "Key", null),
            ("Beta", "Surprises", "Growth", null),
            ("Gamma", "Surprises", "Standard", null),
            ("Delta", "Recovery", "Growth", "invoice errors"));
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
        var zones = tally.GetProperty("zones").EnumerateArray()
            .Select(z => (z.GetProperty("zone").GetString(), z.GetProperty("count").GetInt32(), z.GetProperty("percent").GetInt32()))
            .ToList();
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
    public async Task ChurnAndTheMovementMatrixCompareWithThePreviousMeetingAndRepsGetNoNamesOrRepRows()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var (rep1, rep2) = (factory.CreateClientFor(team.RepIds[0]), factory.CreateClientFor(team.RepIds[1]));
        await rep1.SaveWorksheetAsync(
            team.MeetingId, ("Müller GmbH", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        await rep2.SaveWorksheetAsync(team.MeetingId, ("Beta", "Expectations", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.TeamId == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep1.SaveCarriedForwardAsync(december, droppedRow: 1, acme, "LostToCompetitor", new Dictionary<string, string?>
        {
            ["Rows[0].Zone"] = "Surprises",
        });

        var first = await GetTallyAsync(factory.CreateClientFor(team.ManagerId), team.MeetingId);
        var tally = await GetTallyAsync(factory.CreateClientFor(team.ManagerId), december);
        using var repResponse = await rep2.GetAsync($"/meetings/{december}/tally.json");
        var repJson = await repResponse.Content.ReadAsStringAsync();
        var forRep = JsonDocument.Parse(repJson).RootElement;

        Assert.Equal(JsonValueKind.Null, first.GetProperty("movement").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("churn").ValueKind);
        var movement = tally.GetProperty("movement");
        Assert.Equal("[[0,0,1],[0,0,0],[0,0,1]]", movement.GetProperty("matrix").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(
            (2, 1, 1, 0),
            (movement.GetProperty("compared").GetInt32(),
                movement.GetProperty("leftRecovery").GetInt32(),
                movement.GetProperty("recoveryToSurprises").GetInt32(),
                movement.GetProperty("intoRecovery").GetInt32()));
        Assert.Equal("Rep 1", movement.GetProperty("reps")[0].GetProperty("rep").GetString());
        var churn = tally.GetProperty("churn");
        Assert.Equal(
            (1, 4, 0.25, 1),
            (churn.GetProperty("lost").GetInt32(),
                churn.GetProperty("base").GetInt32(),
                churn.GetProperty("rate").GetDouble(),
                churn.GetProperty("unforeseen").GetInt32()));
        Assert.Equal(1, churn.GetProperty("reasons").EnumerateArray()
            .Single(r => r.GetProperty("reason").GetString() == "LostToCompetitor")
            .GetProperty("count").GetInt32());
        var lost = churn.GetProperty("customers")[0];
        Assert.Equal(
            ("Acme", "Expectations", "Rep 1"),
            (lost.GetProperty("customer").GetString(), lost.GetProperty("lastZone").GetString(), lost.GetProperty("rep").GetString()));

        Assert.Equal(movement.GetProperty("matrix").GetRawText(), forRep.GetProperty("movement").GetProperty("matrix").GetRawText());
        Assert.Equal(0, forRep.GetProperty("movement").GetProperty("reps").GetArrayLength());
        var repChurn = forRep.GetProperty("churn");
        Assert.Equal((1, 0), (repChurn.GetProperty("lost").GetInt32(), repChurn.GetProperty("customers").GetArrayLength()));
        Assert.DoesNotContain("Acme", repJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep 1", repJson, StringComparison.Ordinal);

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{december}");
        Assert.Contains("1 of 4 customers lost (25 %)", page.QuerySelector("#churn")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#unforeseen"));
        Assert.Equal("1", page.QuerySelectorAll("#movement-matrix tbody tr")[0].QuerySelectorAll("td")[2].TextContent);
        var firstPage = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.NotNull(firstPage.QuerySelector("#first-meeting"));
    }

    [Fact]
    public async Task ThePreviousMeetingIsTheLatestEarlierOneWithEntriesByDateWhateverTheOrderOfCreationDeletionOrReDating()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var manager = factory.CreateClientFor(team.ManagerId);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Alpha", "Recovery", "Key", null));
        var late = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 20), "Late December");
        var empty = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 15), "Nobody saved");
        var early = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 5), "Early December");
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.TeamId == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        await rep.SaveWorksheetAsync(early, ("Alpha", "Expectations", "Key", null));
        await rep.SaveWorksheetAsync(late, ("Alpha", "Surprises", "Key", null));

        async Task<(int Compared, int LeftRecovery, int RecoveryToSurprises)?> MovementAsync(int meetingId)
        {
            var movement = (await GetTallyAsync(manager, meetingId)).GetProperty("movement");
            return movement.ValueKind == JsonValueKind.Null ? null
                : (movement.GetProperty("compared").GetInt32(),
                    movement.GetProperty("leftRecovery").GetInt32(),
                    movement.GetProperty("recoveryToSurprises").GetInt32());
        }

        // Created last but dated between: Early December follows November, and Late December follows it, skipping
        // the meeting nobody saved for.
        Assert.Equal((1, 1, 0), await MovementAsync(early));
        Assert.Equal((1, 0, 0), await MovementAsync(late));
        // Nobody has saved for it yet: it has a previous meeting, but nothing to compare with it.
        Assert.Equal((0, 0, 0), await MovementAsync(empty));

        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == early).ExecuteDeleteAsync());
        await factory.TalliesChangedAsync(team.TeamId);
        Assert.Equal((1, 1, 1), await MovementAsync(late));

        await factory.WithDbAsync(db => db.Meetings
            .Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Date, new DateOnly(2026, 12, 31))));
        await factory.TalliesChangedAsync(team.TeamId);
        Assert.Null(await MovementAsync(late));
        Assert.Equal((1, 0, 0), await MovementAsync(team.MeetingId));

        var trend = JsonDocument.Parse(await manager.GetStringAsync($"/teams/{team.TeamId}/trend.json")).RootElement.GetProperty("meetings");
        Assert.Equal(["Nobody saved", "Late December", "November meeting"], trend.EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, trend[1].GetProperty("outOfRecovery").ValueKind);
        Assert.Equal(0, trend[2].GetProperty("outOfRecovery").GetInt32());
    }
}
