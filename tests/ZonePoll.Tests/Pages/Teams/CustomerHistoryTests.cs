using System.Net;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;

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

    /// <summary>The worksheet rows and drops alone, without the follow-ups' events.</summary>
    private static List<List<string>> WorksheetRows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. Rows(page).Where(row => row[0] != "Follow-up")];

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
            WorksheetRows(page));
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
        Assert.Equal(2, WorksheetRows(own).Count);
        Assert.DoesNotContain("renewal due", own.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
    }

    [Fact]
    public async Task TheManagersMeetingPageLinksCustomerNamesToTheirHistory()
    {
        var (team, december, acme) = await AcmeAcrossTwoMeetingsAsync();
        await factory.WithDbAsync(db => db.Meetings
            .Where(m => m.Id == december)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true).SetProperty(m => m.ShowCustomerNames, true)));

        var manager = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{december}");

        var link = $"/teams/{team.TeamId}/customers/{acme}";
        Assert.Contains(manager.QuerySelectorAll("#recovery-table a"), a => a.GetAttribute("href") == link);
    }

    [Fact]
    public async Task TheTimelineMergesTheFollowUpsOpeningStepsWithTheirNotesAndClosingWithTheWorksheetRowsByDate()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Müller GmbH", "Recovery", "Key", "late deliveries"));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await rep.SaveWorksheetAsync(december, ("Müller GmbH", "Expectations", "Key", null));
        var muller = await factory.CustomerIdAsync(team.TeamId, "muller gmbh");
        // The steps as the follow-up page records them, on fixed days: the page itself stamps today.
        var followUpId = await factory.WithDbAsync(async db =>
        {
            var followUp = await db.FollowUps.SingleAsync(f => f.CustomerId == muller);
            (followUp.OpenedOn, followUp.ClarifiedOn, followUp.ClarifyNote) =
                (new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 28), "depot move; credit agreed");
            (followUp.FixedOn, followUp.FixNote, followUp.FollowedUpOn) = (new DateOnly(2026, 12, 1), "credit note sent", new DateOnly(2026, 12, 10));
            (followUp.ClosedAt, followUp.Closure) = (new DateTimeOffset(2026, 12, 10, 15, 0, 0, TimeSpan.Zero), FollowUpClosure.FollowedUp);
            await db.SaveChangesAsync();
            return followUp.Id;
        });

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}/customers/{muller}");

        Assert.Equal(
            [
                ["November meeting", "26 Nov 2026", "Rep 1", "RService Recovery", "Key", "late deliveries"],
                ["Follow-up", "26 Nov 2026", "Rep 1", "Follow-up opened: placed in Service Recovery"],
                ["Follow-up", "28 Nov 2026", "Rep 1", "Clarify done: depot move; credit agreed"],
                ["Follow-up", "1 Dec 2026", "Rep 1", "Fix it done: credit note sent"],
                ["Follow-up", "10 Dec 2026", "Rep 1", "Follow up done"],
                ["Follow-up", "10 Dec 2026", "Rep 1", "Follow-up closed: every step done"],
                ["December meeting", "17 Dec 2026", "Rep 1", "EService Expectations", "Key", ""],
            ],
            Rows(page));
        Assert.All(
            page.QuerySelectorAll("#history-table tbody tr td:first-child a").Where(a => a.TextContent == "Follow-up"),
            a => Assert.Equal($"/followups/{followUpId}", a.GetAttribute("href")));
    }

    [Fact]
    public async Task AFollowUpClosedByADropSaysWhy()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Surprises", "Key", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep.SaveCarriedForwardAsync(december, droppedRow: 0, acme, "StoppedBuying");

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");

        var events = Rows(page).Where(row => row[0] == "Follow-up").Select(row => row[3]).ToList();
        Assert.Equal(["Follow-up opened: placed in Service Recovery", "Follow-up closed: dropped (Stopped buying)"], events);
    }

    [Fact]
    public async Task ARepSeesTheFollowUpsTheyOwnButNotAnotherRepsStepsOrNotes()
    {
        var (team, _, acme) = await AcmeAcrossTwoMeetingsAsync();
        await factory.WithDbAsync(db => db.FollowUps.Where(f => f.CustomerId == acme)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClarifiedOn, new DateOnly(2026, 11, 27)).SetProperty(f => f.ClarifyNote, "called their CFO")));

        var rep1 = await factory.CreateClientFor(team.RepIds[0]).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");
        var rep2 = await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");
        var manager = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");

        Assert.DoesNotContain(Rows(rep1), row => row[0] == "Follow-up");
        Assert.DoesNotContain("called their CFO", rep1.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Rows(rep2), row => row[0] == "Follow-up" && row[3] == "Clarify done: called their CFO");
        Assert.Contains(Rows(manager), row => row[0] == "Follow-up" && row[3] == "Clarify done: called their CFO");
    }

    [Fact]
    public async Task TheHistoryLinksBackToTheCustomerList()
    {
        var (team, _, acme) = await AcmeAcrossTwoMeetingsAsync();

        var page = await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync($"/teams/{team.TeamId}/customers/{acme}");

        Assert.Contains(page.QuerySelectorAll(".breadcrumb a"), a => a.GetAttribute("href") == $"/teams/{team.TeamId}/customers");
    }
}
