using System.Net;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages;

public class AuthorizationTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    public static TheoryData<string> MeetingAndTeamRoutes => new()
    {
        "/meetings/{meeting}",
        "/meetings/{meeting}/worksheet",
        "/teams/{team}",
        "/teams/{team}/meetings/new",
    };

    public static TheoryData<string> ManagerRoutes => new()
    {
        "/meetings/{meeting}",
        "/teams/{team}",
        "/teams/{team}/meetings/new",
    };

    private static string Fill(string route, TeamSetup team) =>
        route.Replace("{meeting}", team.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
             .Replace("{team}", team.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(MeetingAndTeamRoutes))]
    public async Task NonMemberGetsNotFoundLikeForSomethingThatDoesNotExist(string route)
    {
        var team = await factory.CreateTeamAsync();
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider"));

        using var existing = await outsider.GetAsync(Fill(route, team));
        using var missing = await outsider.GetAsync(Fill(route, team with { TeamId = 999_999, MeetingId = 999_999 }));

        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var body = await existing.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Sales North", body, StringComparison.Ordinal);
        Assert.DoesNotContain("November meeting", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonMemberCannotPostToAnotherTeamsWorksheetOrMeeting()
    {
        var team = await factory.CreateTeamAsync();
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider"));
        // Any page of the outsider's own gives a valid antiforgery token for their session.
        var ownPage = await outsider.GetDocumentAsync("/teams/new");
        var form = ownPage.Form();

        using var worksheet = await outsider.PostAsync($"/meetings/{team.MeetingId}/worksheet", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Rows[0].Name"] = "Injected",
            ["Rows[0].Zone"] = "Recovery",
        }));
        using var status = await outsider.PostAsync($"/meetings/{team.MeetingId}?handler=Status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["status"] = "Locked",
        }));

        Assert.Equal(HttpStatusCode.NotFound, worksheet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Entries.Count())));
    }

    [Theory]
    [MemberData(nameof(ManagerRoutes))]
    public async Task RepGetsForbiddenOnManagerRoutes(string route)
    {
        var team = await factory.CreateTeamAsync();

        using var response = await factory.CreateClientFor(team.RepIds[0]).GetAsync(Fill(route, team));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Not for your role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerIsToldWorksheetsAreForReps()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/worksheet");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reps fill in worksheets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MeetingAndTeamRoutes))]
    public async Task AnonymousVisitorIsSentToSignIn(string route)
    {
        var team = await factory.CreateTeamAsync();

        using var response = await factory.CreateAnonymousClient().GetAsync(Fill(route, team));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthAnswersWithoutSignInWhenTheDatabaseIsReachable()
    {
        using var response = await factory.CreateAnonymousClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PagesCarrySecurityHeaders()
    {
        using var response = await factory.CreateAnonymousClient().GetAsync("/Identity/Account/Login");

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task StylesheetsAndScriptsAreServedWithoutSignIn()
    {
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")))
            .ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(asset);
            Assert.True(response.IsSuccessStatusCode, $"{asset} answered {(int)response.StatusCode}");
        }
    }
}
