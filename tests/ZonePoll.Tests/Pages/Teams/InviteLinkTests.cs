using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Teams;

public class InviteLinkTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string InviteUrl(IHtmlDocument teamPage) => teamPage.QuerySelector<IHtmlInputElement>("#invite-url")!.Value;

    [Fact]
    public async Task WithAPublicUrlConfiguredInviteLinksIgnoreTheRequestsHostHeader()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("App:PublicUrl", "https://zonepoll.example.com/"));
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = configured.CreateClient(new() { AllowAutoRedirect = false });
        manager.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);
        manager.DefaultRequestHeaders.Host = "attacker.example";

        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        Assert.StartsWith("https://zonepoll.example.com/join/", InviteUrl(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPublicUrlInviteLinksUseTheRequestsAddress()
    {
        var team = await factory.CreateTeamAsync(reps: 0);

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}");

        Assert.StartsWith("http://localhost/join/", InviteUrl(page), StringComparison.Ordinal);
        Assert.Contains("does not expire", page.QuerySelector("#invite-expiry")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerGivesANewLinkAWeekAndAfterThatNobodyCanJoinWithIt()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        using var made = await manager.SubmitAsync(page.Form("form[action*='Regenerate']"), new Dictionary<string, string?> { ["days"] = "7" });

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var after = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains("works until", after.QuerySelector("#invite-expiry")!.TextContent, StringComparison.Ordinal);
        var expires = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.InviteExpiresAt).SingleAsync());
        Assert.InRange(expires!.Value, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));

        await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InviteExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var invite = new Uri(InviteUrl(after)).AbsolutePath;
        var latecomer = factory.CreateClientFor(await factory.CreateUserAsync("Lena Late"));
        using var opened = await latecomer.GetAsync(invite);
        var openedPage = await HtmlForms.ParseAsync(opened);
        // Posting the join form anyway (as a page opened before the expiry would).
        var token = (await latecomer.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var joined = await latecomer.PostAsync(invite, new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("has expired", openedPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, joined.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == team.TeamId)));
        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains("expired", teamPage.QuerySelector("#invite-expiry")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALifetimeThatIsNotOfferedIsRefusedAndTheLinkStays()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var before = InviteUrl(page);

        using var refused = await manager.SubmitAsync(page.Form("form[action*='Regenerate']"), new Dictionary<string, string?> { ["days"] = "-3" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, InviteUrl(await manager.GetDocumentAsync($"/teams/{team.TeamId}")));
    }
}
