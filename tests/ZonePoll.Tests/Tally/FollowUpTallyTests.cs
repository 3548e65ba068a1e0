using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Tally;

public class FollowUpTallyTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<JsonElement> FollowUpsAsync(HttpClient client, int meetingId) =>
        JsonDocument.Parse(await client.GetStringAsync($"/meetings/{meetingId}/tally.json")).RootElement.GetProperty("followUps");

    [Fact]
    public async Task TallyJsonCountsFollowUpsForEveryoneAndListsThemForManagersOnly()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var manager = factory.CreateClientFor(team.ManagerId);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "New", null), ("Gamma", "Surprises", "Key", null));
        var acme = await factory.WithDbAsync(db => db.FollowUps
            .Where(f => f.TeamId == team.TeamId && f.Customer!.Name == "Acme")
            .Select(f => f.Id)
            .SingleAsync());

        var before = await FollowUpsAsync(manager, team.MeetingId);
        Assert.Equal(2, before.GetProperty("open").GetInt32());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("medianDaysToFirstResponse").ValueKind);
        Assert.Equal(["Acme", "Beta"], before.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customer").GetString()).Order());
        Assert.Equal("Clarify", before.GetProperty("items")[0].GetProperty("nextStep").GetString());
        Assert.Equal("Rep 1", before.GetProperty("items")[0].GetProperty("owner").GetString());

        var page = await rep.GetDocumentAsync($"/followups/{acme}");
        using (var ticked = await rep.SubmitAsync(page.Form("#followup-form"), new Dictionary<string, string?>
        {
            ["Steps[0].Done"] = "true",
            ["Steps[0].On"] = "2026-11-27",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        }

        var after = await FollowUpsAsync(manager, team.MeetingId);
        Assert.Equal(1, after.GetProperty("medianDaysToFirstResponse").GetDouble());
        Assert.Equal(1, after.GetProperty("awaitingFirstResponse").GetInt32());

        // A rep gets the team's counts once the numbers are revealed, and never the list with its owners.
        Assert.Equal(0, (await FollowUpsAsync(rep, team.MeetingId)).GetProperty("open").GetInt32());
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        var forRep = await FollowUpsAsync(rep, team.MeetingId);
        Assert.Equal(2, forRep.GetProperty("open").GetInt32());
        Assert.Empty(forRep.GetProperty("items").EnumerateArray());

        var dashboard = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.Equal(2, dashboard.QuerySelectorAll("#followups-table tbody tr").Length);
        Assert.Contains("Fix it · Rep 1", dashboard.QuerySelector("#recovery-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALaterMeetingListsTheFollowUpsItsWorksheetsClosedWhenTheyAreSavedBeforeTheMeetingDayWithADropsReasonAndNoDueDate()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "New", null), ("Gamma", "Surprises", "Key", null));
        // Reps fill the next worksheet days before the meeting: the closures it makes happen before that meeting's date.
        var next = await factory.CreateMeetingAsync(team.TeamId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
        var beta = await factory.CustomerIdAsync(team.TeamId, "beta");
        await rep.SaveCarriedForwardAsync(next, droppedRow: 1, beta, "LostToCompetitor", new Dictionary<string, string?>
        {
            ["Rows[0].Zone"] = "Surprises",
        });

        var items = (await FollowUpsAsync(factory.CreateClientFor(team.ManagerId), next)).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("customer").GetString(), i.GetProperty("closure").GetString(), i.GetProperty("dropReason").GetString()))
            .OrderBy(i => i.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("Acme", "LeftRecovery", null), ("Beta", "Dropped", "LostToCompetitor")], items);
        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{next}");
        var rows = page.QuerySelectorAll("#followups-table tbody tr")
            .ToDictionary(r => r.QuerySelector(".stack-title")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList());
        Assert.Equal("closed: left Recovery", rows["Acme"][3]);
        Assert.Equal("closed: dropped (Lost to a competitor)", rows["Beta"][3]);
        // Closed, they are due no more, and neither got a first response.
        Assert.All(rows.Values, cells => Assert.Equal(("–none: closed", "none"), (cells[4], cells[6])));
    }

    [Fact]
    public async Task TheHandoutsRecoveryListPrintsOwnerNextStepAndDueDate()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"));

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/handout.pdf");
        var pdf = new PdfText(await response.Content.ReadAsByteArrayAsync());

        // The meeting is on Thursday 26 November: due three working days later.
        Assert.True(pdf.Contains("Acme Rep 1 Key Late twice Clarify · Rep 1 · by 1 Dec"), pdf.All);
        Assert.True(pdf.Contains("Follow-ups: 1 open"), pdf.All);
    }
}
