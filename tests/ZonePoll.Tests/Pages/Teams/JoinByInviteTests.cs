using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Pages.Teams;

/// <summary>An invite link says where it leads, and a newcomer who makes an account through it lands on their worksheet.</summary>
public class JoinByInviteTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private Task<string> TokenAsync(int teamId) =>
        factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.InviteToken).SingleAsync());

    private static string NewEmail() => $"{Guid.NewGuid():n}@example.com";

    private static Dictionary<string, string?> Registration(string email) => new()
    {
        ["Input.DisplayName"] = "Nina Newcomer",
        ["Input.Email"] = email,
        ["Input.Password"] = "a long passphrase",
        ["Input.ConfirmPassword"] = "a long passphrase",
    };

    /// <summary>Follows the join page's own "Create an account" link and registers through it.</summary>
    private static async Task<HttpResponseMessage> RegisterFromInviteAsync(HttpClient client, string token, string email)
    {
        var join = await client.GetDocumentAsync($"/join/{token}");
        var registerUrl = join.QuerySelector<IHtmlAnchorElement>("#join-register")!.Href.Replace("http://localhost", "", StringComparison.Ordinal);
        var register = await client.GetDocumentAsync(registerUrl);
        return await client.SubmitAsync(register.Form(), Registration(email));
    }

    [Fact]
    public async Task SignedOutTheInvitePageNamesTheTeamAndTheManagerAndOffersAnAccountFirst()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var token = await TokenAsync(team.TeamId);

        var page = await factory.CreateAnonymousClient().GetDocumentAsync($"/join/{token}");

        Assert.Contains("Join Sales North", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // The test team has no inviter recorded: a current manager is named.
        Assert.Contains("Maria Manager invited you to join Sales North", page.QuerySelector("#invite-from")!.TextContent, StringComparison.Ordinal);
        var actions = page.QuerySelectorAll<IHtmlAnchorElement>(".join-actions a").ToList();
        Assert.Equal(["join-register", "join-sign-in"], actions.Select(a => a.Id));
        Assert.Equal("Create an account", actions[0].TextContent.Trim());
        Assert.All(actions, a => Assert.EndsWith($"?returnUrl=%2Fjoin%2F{token}", a.Href, StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task TheManagerWhoMadeTheLinkIsNamedUntilTheyAreNoLongerAManager()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var second = team.RepIds[0];
        await factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == second).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Sam Second"));
            return await db.TeamMembers.Where(m => m.UserId == second).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Manager));
        });
        var manager = factory.CreateClientFor(second);
        using var made = await manager.SubmitAsync((await manager.GetDocumentAsync($"/teams/{team.TeamId}")).Form("form[action*='Regenerate']"));
        var anonymous = factory.CreateAnonymousClient();

        var bySam = await anonymous.GetDocumentAsync($"/join/{await TokenAsync(team.TeamId)}");
        await factory.WithDbAsync(db => db.TeamMembers.Where(m => m.UserId == second).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Rep)));
        var afterDemotion = await anonymous.GetDocumentAsync($"/join/{await TokenAsync(team.TeamId)}");

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal(second, await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.InvitedById).SingleAsync()));
        Assert.Contains("Sam Second invited you", bySam.QuerySelector("#invite-from")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Maria Manager invited you", afterDemotion.QuerySelector("#invite-from")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingATeamMakesItsCreatorTheInviter()
    {
        var creatorId = await factory.CreateUserAsync("Cleo Creator");
        var creator = factory.CreateClientFor(creatorId);

        var newTeam = (await creator.GetDocumentAsync("/teams/new")).Form();
        using var created = await creator.SubmitAsync(newTeam, new Dictionary<string, string?> { ["Name"] = "Sales East" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(creatorId, await factory.WithDbAsync(db => db.Teams.Where(t => t.Name == "Sales East").Select(t => t.InvitedById).SingleAsync()));
    }

    [Fact]
    public async Task RegisteringFromTheInviteMakesARepAndLandsOnTheOpenMeetingsWorksheet()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var client = factory.CreateAnonymousClient();
        var email = NewEmail();

        var register = await client.GetDocumentAsync($"/Identity/Account/Register?returnUrl=%2Fjoin%2F{await TokenAsync(team.TeamId)}");
        using var registered = await RegisterFromInviteAsync(client, await TokenAsync(team.TeamId), email);

        Assert.Contains("you join Sales North, invited by Maria Manager", register.QuerySelector("#joining")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal($"/meetings/{team.MeetingId}/worksheet", registered.Headers.Location!.OriginalString);
        var role = await factory.WithDbAsync(db => db.TeamMembers
            .Where(m => m.TeamId == team.TeamId && m.User!.Email == email)
            .Select(m => (TeamRole?)m.Role)
            .SingleOrDefaultAsync());
        Assert.Equal(TeamRole.Rep, role);
        var worksheet = await client.GetDocumentAsync(registered.Headers.Location.OriginalString);
        Assert.Contains("You are on Sales North", worksheet.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoOpenMeetingTheNewRepLandsHomeToldWhy()
    {
        var team = await factory.CreateTeamAsync(reps: 0, status: MeetingStatus.Draft);
        var client = factory.CreateAnonymousClient();

        using var registered = await RegisterFromInviteAsync(client, await TokenAsync(team.TeamId), NewEmail());

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/", registered.Headers.Location!.OriginalString);
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("No meeting is open yet", home.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sales North", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/join/abc")]
    [InlineData("//evil.example/join/abc")]
    [InlineData("/\\evil.example")]
    public async Task RegisteringWithAForeignReturnAddressStaysOnThisSite(string returnUrl)
    {
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync($"/Identity/Account/Register?returnUrl={Uri.EscapeDataString(returnUrl)}");

        using var registered = await client.SubmitAsync(page.Form(), Registration(NewEmail()));

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/", registered.Headers.Location!.OriginalString);
        Assert.Null(page.QuerySelector("#joining"));
    }

    [Fact]
    public async Task AnExpiredOrReplacedLinkExplainsItselfWithoutNamingTheTeam()
    {
        var team = await factory.CreateTeamAsync(reps: 0, teamName: "Secret Squad");
        var oldToken = await TokenAsync(team.TeamId);
        await factory.WithDbAsync(db => db.Teams
            .Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InviteExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var anonymous = factory.CreateAnonymousClient();

        using var expired = await anonymous.GetAsync($"/join/{oldToken}");
        var expiredRegister = await anonymous.GetDocumentAsync($"/Identity/Account/Register?returnUrl=%2Fjoin%2F{oldToken}");
        await factory.WithDbAsync(db => db.Teams
            .Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InviteToken, "a-newer-link").SetProperty(t => t.InviteExpiresAt, (DateTimeOffset?)null)));
        using var replaced = await anonymous.GetAsync($"/join/{oldToken}");

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        foreach (var response in new[] { expired, replaced })
        {
            var page = await HtmlForms.ParseAsync(response);
            Assert.NotEmpty(page.QuerySelector("#invite-problem")!.TextContent);
            Assert.DoesNotContain("Secret Squad", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("Maria Manager", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Secret Squad", expiredRegister.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedOutPostToTheInviteIsSentToSignInAndJoinsNobody()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var token = await TokenAsync(team.TeamId);
        var client = factory.CreateAnonymousClient();
        // Any page's antiforgery token, as a crafted post would carry.
        var form = (await client.GetDocumentAsync("/Identity/Account/Login")).Form();
        var antiforgery = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/join/{token}")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", antiforgery)]),
        };
        // As a browser posts it; a script gets 401 like everywhere else.
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        using var posted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", posted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == team.TeamId)));
    }

    [Fact]
    public async Task ASignedInNewcomerJoiningLandsOnTheOpenMeetingsWorksheet()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var newcomer = factory.CreateClientFor(await factory.CreateUserAsync("Nico Newcomer"));
        var page = await newcomer.GetDocumentAsync($"/join/{await TokenAsync(team.TeamId)}");

        using var joined = await newcomer.SubmitAsync(page.Form());

        Assert.Contains("Maria Manager invited you", page.QuerySelector("#invite-from")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/meetings/{team.MeetingId}/worksheet", joined.Headers.Location!.OriginalString);
    }
}
