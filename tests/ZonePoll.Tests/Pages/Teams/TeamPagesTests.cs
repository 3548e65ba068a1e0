using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Pages.Teams;

public class TeamPagesTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string InviteUrl(IHtmlDocument teamPage) =>
        new Uri(teamPage.QuerySelector<IHtmlInputElement>("#invite-url")!.Value).PathAndQuery;

    private static IHtmlFormElement MemberForm(IHtmlDocument teamPage, string handler, string userId) =>
        teamPage.QuerySelectorAll<IHtmlFormElement>($"form[action*='{handler}']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=userId]")!.Value == userId);

    private static IHtmlButtonElement Button(IHtmlDocument page, string text) =>
        page.QuerySelectorAll<IHtmlButtonElement>("main button").First(b => b.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task CreatingATeamMakesTheCreatorItsManager()
    {
        var userId = await factory.CreateUserAsync("Maya");
        var client = factory.CreateClientFor(userId);
        var page = await client.GetDocumentAsync("/teams/new");

        using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Name"] = "  Team Zoë  " });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var member = await factory.WithDbAsync(db => db.TeamMembers.Include(m => m.Team).SingleAsync(m => m.UserId == userId));
        Assert.Equal(("Team Zoë", TeamRole.Manager), (member.Team!.Name, member.Role));
        var teamPage = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("/join/", InviteUrl(teamPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamNeedsANameAndTheTypedNameIsKeptWhenTooLong()
    {
        var client = factory.CreateClientFor(await factory.CreateUserAsync("Maya"));
        var page = await client.GetDocumentAsync("/teams/new");
        var longName = new string('T', 81);

        using var blank = await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Name"] = "   " });
        using var tooLong = await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Name"] = longName });

        var blankPage = await HtmlForms.ParseAsync(blank);
        Assert.Contains("Give the team a name", blankPage.QuerySelector("[data-valmsg-for=Name]")!.TextContent, StringComparison.Ordinal);
        // Tied for a screen reader on the field, without script.
        var field = blankPage.QuerySelector("#Name")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("Give the team a name", blankPage.GetElementById(field.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (blank.StatusCode, tooLong.StatusCode));
        var shown = await HtmlForms.ParseAsync(tooLong);
        Assert.Equal("Keep the name to 80 characters (this one has 81).", shown.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Equal(longName, shown.QuerySelector<IHtmlInputElement>("#Name")!.Value);
    }

    [Theory]
    [InlineData("Sales North\u0007", "control character")]
    [InlineData("Sales \u202EhtroN", "direction of the text")]
    [InlineData("Sales \u2067North\u2069", "direction of the text")]
    [InlineData("\u200C\u200D", "nothing visible")]
    [InlineData("North\u200B", "invisible character")]
    public async Task ATeamNameWithAControlDirectionOrOnlyInvisibleCharactersIsRefusedBesideItWithWhatWasTypedKept(string name, string problem)
    {
        var userId = await factory.CreateUserAsync("Maya");
        var client = factory.CreateClientFor(userId);
        var page = await client.GetDocumentAsync("/teams/new");

        using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Name"] = name });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var error = shown.QuerySelector("[data-valmsg-for=Name]")!.TextContent;
        Assert.StartsWith("Team name ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(name, shown.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.UserId == userId)));
    }

    [Fact]
    public async Task OpeningAnInviteLinkChangesNothingAndJoiningMakesARep()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var invite = InviteUrl(await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}"));
        var newcomerId = await factory.CreateUserAsync("Nico Newcomer");
        var newcomer = factory.CreateClientFor(newcomerId);

        var joinPage = await newcomer.GetDocumentAsync(invite);
        Assert.Contains("Join Sales North", joinPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.UserId == newcomerId)));

        using var joined = await newcomer.SubmitAsync(joinPage.Form());

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var role = await factory.WithDbAsync(db => db.TeamMembers
            .Where(m => m.UserId == newcomerId && m.TeamId == team.TeamId)
            .Select(m => m.Role)
            .SingleAsync());
        Assert.Equal(TeamRole.Rep, role);
        using var twice = await newcomer.SubmitAsync(joinPage.Form());
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.UserId == newcomerId)));
    }

    [Fact]
    public async Task MakingANewInviteLinkRetiresTheOldOne()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var oldInvite = InviteUrl(teamPage);

        using var regenerated = await manager.SubmitAsync(teamPage.Form("form[action*='Regenerate']"));

        Assert.Equal(HttpStatusCode.Redirect, regenerated.StatusCode);
        var newInvite = InviteUrl(await manager.GetDocumentAsync($"/teams/{team.TeamId}"));
        Assert.NotEqual(oldInvite, newInvite);
        var newcomer = factory.CreateClientFor(await factory.CreateUserAsync("Late Larry"));
        using var old = await newcomer.GetAsync(oldInvite);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        using var fresh = await newcomer.GetAsync(newInvite);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task ManagerPromotesARepAndRemovesAnother()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        using var promoted = await manager.SubmitAsync(MemberForm(page, "Promote", team.RepIds[0]));
        using var removed = await manager.SubmitAsync(MemberForm(page, "Remove", team.RepIds[1]));

        var members = await factory.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == team.TeamId).ToDictionaryAsync(m => m.UserId, m => m.Role));
        Assert.Equal(TeamRole.Manager, members[team.RepIds[0]]);
        Assert.False(members.ContainsKey(team.RepIds[1]));
        using var removedRep = await factory.CreateClientFor(team.RepIds[1]).GetAsync($"/meetings/{team.MeetingId}/worksheet");
        Assert.Equal(HttpStatusCode.NotFound, removedRep.StatusCode);
    }

    [Fact]
    public async Task TheLastManagerCannotBeRemoved()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        using var response = await manager.SubmitAsync(MemberForm(page, "Remove", team.ManagerId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.UserId == team.ManagerId && m.TeamId == team.TeamId)));
        var after = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains("at least one manager", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        _ = Button(after, "Remove");
    }

    /// <summary>A join POST as a page opened earlier would send it: the antiforgery token of any page the user has.</summary>
    private static async Task<HttpResponseMessage> PostJoinAsync(HttpClient client, string invite)
    {
        var token = (await client.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync(invite, new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task ARemovedRepCannotRejoinThroughTheInviteLinkTheyAlreadyHave()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var repId = team.RepIds[0];
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var oldInvite = InviteUrl(page);
        var rep = factory.CreateClientFor(repId);

        using var removed = await manager.SubmitAsync(MemberForm(page, "Remove", repId));
        using var opened = await rep.GetAsync(oldInvite);
        using var rejoined = await PostJoinAsync(rep, oldInvite);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rejoined.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == team.TeamId && m.UserId == repId)));

        // The team page names the new link; the same post through it is how a manager lets someone back in.
        var after = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        Assert.Contains("invite link", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var newInvite = InviteUrl(after);
        Assert.NotEqual(oldInvite, newInvite);
        using var invited = await PostJoinAsync(rep, newInvite);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == team.TeamId && m.UserId == repId)));
    }

    [Fact]
    public async Task TwoManagersRemovingEachOtherAtOnceLeaveTheTeamOneManager()
    {
        // A race: several rounds, each a fresh team, so one lucky ordering cannot pass for serialized removals.
        for (var round = 0; round < 8; round++)
        {
            var team = await factory.CreateTeamAsync(reps: 1);
            var secondId = team.RepIds[0];
            await factory.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == team.TeamId && m.UserId == secondId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Manager)));
            var first = factory.CreateClientFor(team.ManagerId);
            var second = factory.CreateClientFor(secondId);
            var firstForm = MemberForm(await first.GetDocumentAsync($"/teams/{team.TeamId}"), "Remove", secondId);
            var secondForm = MemberForm(await second.GetDocumentAsync($"/teams/{team.TeamId}"), "Remove", team.ManagerId);

            var responses = await Task.WhenAll(first.SubmitAsync(firstForm), second.SubmitAsync(secondForm));

            // A manager removed before their own request is checked is no longer on the team: 404 for them.
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.NotFound }));
            foreach (var response in responses)
            {
                response.Dispose();
            }

            var managers = await factory.WithDbAsync(db => db.TeamMembers
                .Where(m => m.TeamId == team.TeamId && m.Role == TeamRole.Manager)
                .Select(m => m.UserId)
                .ToListAsync());
            Assert.Single(managers);
        }
    }
}
