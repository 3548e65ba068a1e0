using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// Two teams with the same customer names and a rep on both: what one team's saves open, close and reopen never shows
/// in the other's tally, whether it is built afresh or from rows kept beside the cached snapshot (follow-ups re-read by
/// id alone), and neither team's changes keep the other's projector from its own snapshots.
/// </summary>
public class TwoTeamsTallyTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<List<(int Id, string Customer, string Owner)>> ItemsAsync(string managerId, int meetingId)
    {
        var json = JsonDocument.Parse(await factory.CreateClientFor(managerId).GetStringAsync($"/meetings/{meetingId}/tally.json")).RootElement;
        return [.. json.GetProperty("followUps").GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("customer").GetString()!, i.GetProperty("owner").GetString()!))
            .OrderBy(i => i.Item1)];
    }

    // Every closure here comes after the meeting began, so the tally lists every follow-up the team has, open or closed.
    private Task<List<int>> LiveIdsAsync(int teamId) =>
        factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == teamId).Select(f => f.Id).OrderBy(id => id).ToListAsync());

    private async Task AssertOnlyOwnAsync(TeamSetup team)
    {
        var items = await ItemsAsync(team.ManagerId, team.MeetingId);
        var own = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.Id).ToListAsync());
        Assert.All(items, i => Assert.Contains(i.Id, own));
        Assert.Equal(await LiveIdsAsync(team.TeamId), [.. items.Select(i => i.Id)]);
    }

    [Fact]
    public async Task AnotherTeamsFollowUpsOpenedClosedAndReopenedNeverShowInATallyBuiltFromKeptRows()
    {
        var a = await factory.CreateTeamAsync(reps: 1, teamName: "Alpha");
        var b = await factory.CreateTeamAsync(reps: 1, teamName: "Bravo");
        var both = a.RepIds[0];
        await factory.AddMemberAsync(b.TeamId, both, TeamRole.Rep);
        var rep = factory.CreateClientFor(both);

        await rep.SaveWorksheetAsync(a.MeetingId,
            ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "Key", null), ("Gamma", "Recovery", "Key", null), ("Delta", "Recovery", "Key", null));
        await AssertOnlyOwnAsync(a);

        // The same names in the other team, by the same rep: other customers, other follow-ups.
        await rep.SaveWorksheetAsync(b.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "Key", null), ("Zulu", "Recovery", "Key", null));
        await AssertOnlyOwnAsync(a);
        await AssertOnlyOwnAsync(b);

        // One of four of the team's follow-ups moves: the next build keeps three and reads one by id.
        var acme = (await ItemsAsync(a.ManagerId, a.MeetingId))[0].Id;
        var page = await rep.GetDocumentAsync($"/followups/{acme}");
        using (var ticked = await rep.SubmitAsync(page.Form("#followup-form"), new Dictionary<string, string?>
        {
            ["Steps[0].Done"] = "true",
            ["Steps[0].On"] = "2026-11-27",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        }

        await AssertOnlyOwnAsync(a);

        // The other team closes (out of Recovery) and reopens its follow-ups while this team's rows are kept.
        await rep.SaveWorksheetAsync(b.MeetingId, ("Acme", "Surprises", "Key", null), ("Beta", "Surprises", "Key", null), ("Zulu", "Recovery", "Key", null));
        await AssertOnlyOwnAsync(a);
        await AssertOnlyOwnAsync(b);
        await rep.SaveWorksheetAsync(b.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Recovery", "Key", null), ("Zulu", "Recovery", "Key", null));
        await AssertOnlyOwnAsync(b);

        // And this team's own correction at the meeting that opened it, which deletes the follow-up: one of four again.
        await rep.SaveWorksheetAsync(a.MeetingId,
            ("Acme", "Recovery", "Key", null), ("Beta", "Surprises", "Key", null), ("Gamma", "Recovery", "Key", null), ("Delta", "Recovery", "Key", null));
        await AssertOnlyOwnAsync(a);
        Assert.Equal(3, (await ItemsAsync(a.ManagerId, a.MeetingId)).Count);
        await AssertOnlyOwnAsync(b);

        var dashboard = await factory.CreateClientFor(a.ManagerId).GetDocumentAsync($"/meetings/{a.MeetingId}");
        Assert.DoesNotContain("Zulu", dashboard.QuerySelector("#followups-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTeamsSavingAtOnceEachGetOnlyTheirOwnSnapshotsUpToTheirLastSave()
    {
        var a = await factory.CreateTeamAsync(reps: 4, teamName: "Alpha");
        var b = await factory.CreateTeamAsync(reps: 4, teamName: "Bravo");
        await using var managerA = factory.ConnectToTally(a.ManagerId);
        await using var managerB = factory.ConnectToTally(b.ManagerId);
        var inboxA = managerA.Receive();
        var inboxB = managerB.Receive();
        await managerA.StartAsync();
        await managerB.StartAsync();
        await managerA.InvokeAsync("Join", a.MeetingId);
        await managerB.InvokeAsync("Join", b.MeetingId);

        var saves = a.RepIds.Select((id, i) => factory.CreateClientFor(id).SaveWorksheetAsync(a.MeetingId, ($"Acme {i}", "Recovery", "Key", null)))
            .Concat(b.RepIds.Select((id, i) => factory.CreateClientFor(id).SaveWorksheetAsync(b.MeetingId, ($"Acme {i}", "Recovery", "Key", null))));
        await Task.WhenAll(saves);

        await inboxA.WaitForAsync(s => s.Entries == 4 && s.FollowUps.Open == 4, Patience);
        await inboxB.WaitForAsync(s => s.Entries == 4 && s.FollowUps.Open == 4, Patience);
        var beforeA = await inboxA.BeforeAsync(s => s.Entries == 4 && s.FollowUps.Open == 4, Patience);
        var beforeB = await inboxB.BeforeAsync(s => s.Entries == 4 && s.FollowUps.Open == 4, Patience);
        Assert.All(beforeA, s => Assert.Equal((a.MeetingId, "Alpha"), (s.MeetingId, s.TeamName)));
        Assert.All(beforeB, s => Assert.Equal((b.MeetingId, "Bravo"), (s.MeetingId, s.TeamName)));
    }
}
