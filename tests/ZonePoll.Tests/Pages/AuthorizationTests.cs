using System.Net;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages;

public class AuthorizationTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
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

    [Fact]
    public async Task AManagerIsToldWorksheetsAreForReps()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/worksheet");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reps fill in worksheets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
