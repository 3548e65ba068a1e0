using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>
/// The rep's results page and the handout a rep may download: team totals and the rep's own customers, never another
/// rep's name, customers or notes, and nothing numeric before the reveal.
/// </summary>
public class RepResultsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly December = new(2026, 12, 17);

    // Everything of the other rep's that must never reach Alma: her name, her customers and her notes.
    private static readonly string[] VeraOnly = ["Vera Victim", "Victim Keep", "Victim Lost", "secret victim note", "another secret"];

    private sealed record Setup(TeamSetup Team, int December, HttpClient Alma, HttpClient Vera, HttpClient Manager);

    /// <summary>
    /// Two reps over two meetings. Alma: Alpha moves Recovery → Surprises, Beta stays, Gone is lost to a competitor.
    /// Vera: Victim Keep stays in Recovery with a note, Victim Lost stopped buying.
    /// </summary>
    private async Task<Setup> TwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        await factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == team.RepIds[0]).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Alma Own"));
            return await db.Users.Where(u => u.Id == team.RepIds[1]).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Vera Victim"));
        });
        var alma = factory.CreateClientFor(team.RepIds[0]);
        var vera = factory.CreateClientFor(team.RepIds[1]);
        await alma.SaveWorksheetAsync(team.MeetingId,
            ("Alma Alpha", "Recovery", "Key", "alpha note"), ("Alma Beta", "Expectations", "Standard", null), ("Alma Gone", "Surprises", "Growth", null));
        await vera.SaveWorksheetAsync(team.MeetingId,
            ("Victim Keep", "Recovery", "Key", "secret victim note"), ("Victim Lost", "Expectations", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, December);
        await alma.SaveCarriedForwardAsync(december, 2, await factory.CustomerIdAsync(team.TeamId, "alma gone"), "LostToCompetitor",
            new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises", ["Rows[0].Note"] = "" });
        await vera.SaveCarriedForwardAsync(december, 1, await factory.CustomerIdAsync(team.TeamId, "victim lost"), "StoppedBuying",
            new Dictionary<string, string?> { ["Rows[0].Note"] = "another secret" });
        return new Setup(team, december, alma, vera, factory.CreateClientFor(team.ManagerId));
    }

    private static async Task PostManagerFormAsync(HttpClient manager, int meetingId, string handler)
    {
        var page = await manager.GetDocumentAsync($"/meetings/{meetingId}");
        using var response = await manager.SubmitAsync(page.Form($"form[action*='handler={handler}']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> ResultsHtmlAsync(HttpClient client, int meetingId) =>
        (await client.GetDocumentAsync($"/meetings/{meetingId}/results")).QuerySelector("main")!.InnerHtml;

    private static void AssertNoneOf(IEnumerable<string> secrets, string text)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BeforeTheRevealARepSeesOnlyWhetherTheyAreIn()
    {
        var s = await TwoMeetingsAsync();
        var absent = factory.CreateClientFor(s.Team.RepIds[2]);

        var alma = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");
        var notIn = await absent.GetDocumentAsync($"/meetings/{s.December}/results");

        Assert.Contains("You are in", alma.QuerySelector("#you-in")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 customers", alma.QuerySelector("#you-in")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(alma.QuerySelector($"#worksheet-link[href='/meetings/{s.December}/worksheet']"));
        Assert.NotNull(alma.QuerySelector("#not-revealed"));
        Assert.Contains("not in yet", notIn.QuerySelector("#you-in")!.TextContent, StringComparison.Ordinal);
        var main = alma.QuerySelector("main")!.TextContent;
        // No tally, no movement, no churn, not even the team's participation or the rep's own customers.
        Assert.Null(alma.QuerySelector("#team-tally, #since-last-time, #own-movement, #handout"));
        AssertNoneOf([.. VeraOnly, "Alma Alpha", "Alma Gone", "reps", "Churn", "%"], main);
    }

    [Fact]
    public async Task AfterTheRevealARepSeesTheTallyAndTheirOwnMovementAndNoOtherRepsNamesCustomersOrNotes()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var page = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");

        var zones = page.QuerySelector("#zone-list")!.TextContent;
        // December: Alpha now Surprises, Beta Expectations, Vera's Keep in Recovery.
        Assert.Contains("Service Recovery", zones, StringComparison.Ordinal);
        Assert.Contains("1 · 33%", zones, StringComparison.Ordinal);
        Assert.Contains("2 of 3 reps", page.QuerySelector("#team-tally")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 customer in Service Recovery", page.QuerySelector("#recovery-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 of 5 customers lost (40 %)", page.QuerySelector("#team-churn")!.TextContent, StringComparison.Ordinal);
        var moves = page.QuerySelectorAll("#own-moves li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, moves.Count);
        Assert.Contains(moves, m => m.Contains("Alma Alpha", StringComparison.Ordinal) && m.Contains("(up)", StringComparison.Ordinal));
        Assert.Contains(moves, m => m.Contains("Alma Beta", StringComparison.Ordinal) && m.Contains("(same)", StringComparison.Ordinal));
        var drop = Assert.Single(page.QuerySelectorAll("#own-drops li")).TextContent;
        Assert.Contains("Alma Gone", drop, StringComparison.Ordinal);
        Assert.Contains("Lost to a competitor", drop, StringComparison.Ordinal);
        Assert.Contains("1 out of Recovery", page.QuerySelector("#own-summary")!.TextContent, StringComparison.Ordinal);
        AssertNoneOf(VeraOnly, page.QuerySelector("main")!.InnerHtml);
    }

    [Fact]
    public async Task CustomerNamesReachRepsOnlyAsTheManagerShowsThemToEveryoneAndNeverWithRepsOrNotes()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");
        await PostManagerFormAsync(s.Manager, s.December, "CustomerNames");

        var page = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");

        Assert.Contains("Victim Keep", page.QuerySelector("#recovery-names")!.TextContent, StringComparison.Ordinal);
        AssertNoneOf(["Vera Victim", "secret victim note", "another secret", "Victim Lost"], page.QuerySelector("main")!.InnerHtml);
    }

    [Fact]
    public async Task TheSwitchAndTheRevealBothGateTheRepsHandout()
    {
        var s = await TwoMeetingsAsync();
        var handout = $"/meetings/{s.December}/handout.pdf";

        using var switchedOffHidden = await s.Alma.GetAsync(handout);
        await PostManagerFormAsync(s.Manager, s.December, "HandoutForReps");
        using var switchedOnHidden = await s.Alma.GetAsync(handout);
        var onButHidden = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");
        using var shared = await s.Alma.GetAsync(handout);
        var link = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");
        await PostManagerFormAsync(s.Manager, s.December, "HandoutForReps");
        using var switchedOffRevealed = await s.Alma.GetAsync(handout);
        var noLink = await s.Alma.GetDocumentAsync($"/meetings/{s.December}/results");

        Assert.Equal(HttpStatusCode.Forbidden, switchedOffHidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, switchedOnHidden.StatusCode);
        Assert.Null(onButHidden.QuerySelector("#rep-handout-link"));
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal("application/pdf", shared.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(link.QuerySelector($"#rep-handout-link[href='{handout}']"));
        Assert.Equal(HttpStatusCode.Forbidden, switchedOffRevealed.StatusCode);
        Assert.Null(noLink.QuerySelector("#rep-handout-link"));
        Assert.False(await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == s.December).Select(m => m.HandoutForReps).SingleAsync()));
    }

    [Fact]
    public async Task TheHandoutARepDownloadsHoldsTeamTotalsAndNoRepsNamesNotesOrHiddenCustomerNames()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "HandoutForReps");
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var pdf = new PdfText(await s.Alma.GetByteArrayAsync($"/meetings/{s.December}/handout.pdf"));
        var managers = new PdfText(await s.Manager.GetByteArrayAsync($"/meetings/{s.December}/handout.pdf"));

        Assert.True(pdf.Contains("2 of 3 reps in"), pdf.All);
        Assert.True(pdf.Contains("1 customer is in Service Recovery; the team's manager has the names."), pdf.All);
        Assert.True(pdf.Contains("Churn: 2 of 5 customers lost (40 %); dropped: lost to a competitor 1, stopped buying 1."), pdf.All);
        // Rep names (both reps', Alma's own too, as a per-rep table or a churn row would print them), customers, notes.
        AssertNoneOf([.. VeraOnly, "Alma", "Rep 3", "Per rep"], pdf.All);
        // The manager's copy of the same meeting does print them: the cut is the rep's, not a broken handout.
        Assert.True(managers.Contains("Victim Keep") && managers.Contains("Vera Victim") && managers.Contains("Per rep"), managers.All);
    }

    [Fact]
    public async Task WithNamesShownTheRepsHandoutListsRecoveryCustomersButNoRepOrNote()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "HandoutForReps");
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");
        await PostManagerFormAsync(s.Manager, s.December, "CustomerNames");

        var pdf = new PdfText(await s.Alma.GetByteArrayAsync($"/meetings/{s.December}/handout.pdf"));

        Assert.True(pdf.Contains("Victim Keep"), pdf.All);
        AssertNoneOf(["Vera Victim", "secret victim note", "another secret", "Victim Lost", "Alma"], pdf.All);
    }

    [Fact]
    public async Task ARepOfAnotherTeamGetsNothingEvenWhenEverythingIsShared()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "HandoutForReps");
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");
        var elsewhere = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        var attacker = factory.CreateClientFor(elsewhere.RepIds[0]);

        foreach (var url in new[] { $"/meetings/{s.December}/results", $"/meetings/{s.December}/handout.pdf", $"/teams/{s.Team.TeamId}/trend" })
        {
            using var response = await attacker.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            AssertNoneOf([.. VeraOnly, "Alma", "Sales North", "December meeting"], body);
        }
    }

    [Fact]
    public async Task AManagerFollowingTheLinkSeesTheRepsViewLabelledAsSuch()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var dashboard = await s.Manager.GetDocumentAsync($"/meetings/{s.December}");
        var page = await s.Manager.GetDocumentAsync(dashboard.QuerySelector<IHtmlAnchorElement>("#rep-view-link")!.PathName);

        Assert.NotNull(page.QuerySelector("#manager-preview"));
        Assert.NotNull(page.QuerySelector("#zone-list"));
        Assert.Null(page.QuerySelector("#own-movement"));
        AssertNoneOf(VeraOnly, page.QuerySelector("main")!.InnerHtml);
    }

    [Fact]
    public async Task TheRepsHomePageLinksToRevealedResultsTheTrendAndTheirCustomers()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var home = await s.Alma.GetDocumentAsync("/");

        Assert.NotNull(home.QuerySelector($"a[href='/meetings/{s.December}/results']"));
        Assert.Null(home.QuerySelector($"a[href='/meetings/{s.Team.MeetingId}/results']"));
        Assert.NotNull(home.QuerySelector($"a[href='/teams/{s.Team.TeamId}/trend']"));
        Assert.NotNull(home.QuerySelector($"a[href='/teams/{s.Team.TeamId}/customers']"));
    }

    [Fact]
    public async Task TheRepsTrendListsRevealedMeetingsOnlyWithTeamTotals()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var trend = await s.Alma.GetDocumentAsync($"/teams/{s.Team.TeamId}/trend");
        var managers = await s.Manager.GetDocumentAsync($"/teams/{s.Team.TeamId}/trend");

        var meeting = Assert.Single(trend.QuerySelectorAll("#rep-trend > li"));
        Assert.Equal(s.December.ToString(System.Globalization.CultureInfo.InvariantCulture), meeting.GetAttribute("data-meeting"));
        Assert.Contains("3 customers", meeting.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("November meeting", trend.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        AssertNoneOf([.. VeraOnly, "Alma"], trend.QuerySelector("main")!.InnerHtml);
        Assert.Equal(2, managers.QuerySelectorAll("#rep-trend > li").Length);
    }

    [Fact]
    public async Task TheRepsTrendLineRunsOnFromTheSharesWithNoSpaceBeforeItsSemicolons()
    {
        var s = await TwoMeetingsAsync();
        await PostManagerFormAsync(s.Manager, s.December, "Reveal");

        var trend = await s.Alma.GetDocumentAsync($"/teams/{s.Team.TeamId}/trend");

        var line = Regex.Replace(Assert.Single(trend.QuerySelectorAll("#rep-trend > li p")).TextContent, @"\s+", " ").Trim();
        Assert.True(Regex.IsMatch(line, @"Surprises \d+%; 1 out of Recovery; churn 40 % \(2 of 5\)$"), line);
    }
}
