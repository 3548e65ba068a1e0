using System.Net;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Teams;

public class CustomerHistoryTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    /// <summary>Both reps list Acme in November; in December rep 1 drops it as lost, rep 2 keeps it in Recovery.</summary>
    private async Task<(TeamSetup Team, int December, int Acme)> AcmeAcrossTwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        var (rep1, rep2) = (factory.CreateClientFor(team.RepIds[0]), factory.CreateClientFor(team.RepIds[1]));
        await rep1.SaveWorksheetAsync(team.MeetingId, ("Acme", "Expectations", "Key", "renewal due"), ("Beta", "Surprises", "Standard", null));
        await rep2.SaveWorksheetAsync(team.MeetingId, ("ACME", "Recovery", "Key", "invoice errors"));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep1.SaveCarriedForwardAsync(december, droppedRow: 0, acme, "LostToCompetitor");
        await rep2.SaveWorksheetAsync(december, ("Acme", "Recovery", "Key", "still waiting"));
        return (team, december, acme);
    }

    private static List<List<string>> Rows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#history-table tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())];

    [Fact]
    public async Task AManagerSeesEveryMeetingTheCustomerWasOnAListWithZoneRepTypeNoteAndDropReason()
    {
        var (team, _, acme) = await AcmeAcrossTwoMeetingsAsync();

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");

        Assert.Equal("Acme", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            [
                ["November meeting", "26 Nov 2026", "Rep 1", "EService Expectations", "Key", "renewal due"],
                ["November meeting", "26 Nov 2026", "Rep 2", "RService Recovery", "Key", "invoice errors"],
                ["December meeting", "17 Dec 2026", "Rep 1", "Dropped: Lost to a competitor (last time in Service Expectations)"],
                ["December meeting", "17 Dec 2026", "Rep 2", "RService Recovery", "Key", "still waiting"],
            ],
            Rows(page));
    }

    [Fact]
    public async Task ARepSeesOnlyTheirOwnRowsAndOnlyForCustomersTheyHaveListed()
    {
        var (team, _, acme) = await AcmeAcrossTwoMeetingsAsync();
        var elsewhere = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");

        var own = await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");
        using var never = await factory.CreateClientFor(team.RepIds[2]).GetAsync($"/teams/{team.TeamId}/customers/{acme}");
        using var otherTeam = await factory.CreateClientFor(elsewhere.ManagerId).GetAsync($"/teams/{elsewhere.TeamId}/customers/{acme}");

        Assert.All(Rows(own), row => Assert.Equal("Rep 2", row[2]));
        Assert.Equal(2, Rows(own).Count);
        Assert.DoesNotContain("renewal due", own.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
    }

    [Fact]
    public async Task TheManagersMeetingPageLinksCustomerNamesToTheirHistory()
    {
        var (team, december, acme) = await AcmeAcrossTwoMeetingsAsync();
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == december).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true).SetProperty(m => m.ShowCustomerNames, true)));

        var manager = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{december}");

        var link = $"/teams/{team.TeamId}/customers/{acme}";
        Assert.Contains(manager.QuerySelectorAll("#recovery-table a"), a => a.GetAttribute("href") == link);
    }
}
