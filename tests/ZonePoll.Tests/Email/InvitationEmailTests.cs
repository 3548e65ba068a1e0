using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: the team page sends the invite link to the addresses a manager types.</summary>
public sealed class InvitationEmailTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public InvitationEmailTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task EachAddressTypedGetsTheTeamsInviteLinkOnceAndTheLinkOpensItsJoinPageSignedOut()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        using var response = await manager.SubmitAsync(
            page.Form("form[action*='InviteByEmail']"),
            new Dictionary<string, string?> { ["emails"] = "sam@example.com, lee@example.org\nSAM@example.com;  " });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var messages = await _smtp.WaitForAsync(2);
        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal(["lee@example.org", "sam@example.com"], messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        var token = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.InviteToken).SingleAsync());
        foreach (var message in messages)
        {
            Assert.Equal("Maria Manager invites you to join Sales North on ZonePoll", message.Subject);
            var link = EmailTests.Link(message, $"/join/{token}");
            Assert.Equal($"{EmailFactory.PublicUrl}/join/{token}", link);
            var join = await _factory.CreateAnonymousClient().GetDocumentAsync(link[EmailFactory.PublicUrl.Length..]);
            Assert.Contains("Sales North", join.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        var after = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("sent to 2 addresses", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sam@example.com, not-an-address", "\"not-an-address\" is not an e-mail address")]
    [InlineData("   ", "Type at least one e-mail address")]
    [InlineData("Sam <sam@example.com>", "not e-mail addresses")]
    [InlineData("sam@example.com\u0000", "")]
    public async Task AListThatIsNotAllAddressesIsRefusedBesideTheFieldWithEverythingTypedKeptAndNothingSent(string typed, string error)
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        using var response = await manager.SubmitAsync(page.Form("form[action*='InviteByEmail']"), new Dictionary<string, string?> { ["emails"] = typed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await HtmlForms.ParseAsync(response);
        Assert.Contains(error, refused.QuerySelector("#invite-emails-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("invite-emails-hint invite-emails-error", refused.QuerySelector("#invite-emails")!.GetAttribute("aria-describedby"));
        // What was typed comes back (blank stays blank; a NUL is answered at the field, not echoed).
        if (typed.Trim().Length > 0 && !typed.Contains('\u0000', StringComparison.Ordinal))
        {
            Assert.Equal(typed, refused.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#invite-emails")!.Value);
        }

        Assert.Equal(0, await _factory.WithDbAsync(db => db.EmailOutbox.CountAsync()));
    }

    [Fact]
    public async Task MoreThanFiftyAddressesAtOnceAreRefused()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var typed = string.Join('\n', Enumerable.Range(0, 51).Select(i => $"rep{i}@example.com"));
        using var response = await manager.SubmitAsync(page.Form("form[action*='InviteByEmail']"), new Dictionary<string, string?> { ["emails"] = typed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("at most 50", (await HtmlForms.ParseAsync(response)).QuerySelector("#invite-emails-error")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Issue 24: mail that keeps failing is given up on and shown to the team's managers.</summary>
public sealed class FailedEmailTests : IDisposable
{
    private readonly EmailFactory _factory = new(null, ZonePollFactory.NewFolder(), keepFiles: false, TestDatabases.DefaultProvider,
        maxAttempts: 2, unreachablePort: UnusedPort());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AMessageThatKeepsFailingIsMarkedFailedAfterItsAttemptsAndShownOnTheTeamPageToItsManagers()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        (await manager.SubmitAsync(page.Form("form[action*='InviteByEmail']"), new Dictionary<string, string?> { ["emails"] = "sam@example.com" })).Dispose();

        await EmailTests.OutboxSettledAsync(_factory);
        var row = await _factory.WithDbAsync(db => db.EmailOutbox.SingleAsync());
        Assert.Equal((OutboxState.Failed, 2), (row.State, row.Attempts));
        Assert.NotNull(row.LastError);
        var failed = (await manager.GetDocumentAsync($"/teams/{team.TeamId}")).QuerySelector("#failed-emails")!.TextContent;
        Assert.Contains("sam@example.com", failed, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
