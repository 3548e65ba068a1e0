using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: people in control. Each e-mail's one-click unsubscribe, and the account page's switches.</summary>
public sealed class UnsubscribeTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public UnsubscribeTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task TheUnsubscribeLinkAsksSignedOutAndItsOneClickPostStopsOnlyThatKindForThatAddress()
    {
        var team = await _factory.CreateTeamAsync(reps: 2, status: MeetingStatus.Draft);
        await OutboxSenderTests.OpenAsync(_factory, team);
        var messages = await _smtp.WaitForAsync(2);
        var reps = await EmailTests.AddressesAsync(_factory, team.RepIds);
        var first = messages.Single(m => m.To.Mailboxes.Single().Address == reps[0]);
        var link = first.Headers["List-Unsubscribe"]!.Trim('<', '>');
        // The footer's "stop these e-mails" is the same link as the header's.
        Assert.Equal(link, EmailTests.Links(first).Single(l => l.Contains("/email/unsubscribe/", StringComparison.Ordinal)));
        var path = link[EmailFactory.PublicUrl.Length..];
        var anonymous = _factory.CreateAnonymousClient();

        // Opening the link (a scanner or a preview does) changes nothing.
        var confirm = await anonymous.GetDocumentAsync(path);
        Assert.Contains("Meeting open: fill in your ten", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EmailOptOuts.CountAsync()));

        // A mail client's one-click POST: no session, no antiforgery token, RFC 8058's body.
        using var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var optOut = Assert.Single(await _factory.WithDbAsync(db => db.EmailOptOuts.ToListAsync()));
        Assert.Equal((EmailOptOut.Normalize(reps[0]), EmailKind.MeetingOpened), (optOut.NormalizedAddress, optOut.Kind));

        // Clicked again: still one, still fine.
        using var again = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.EmailOptOuts.CountAsync()));

        // The next meeting reaches only the other rep; the first still gets other kinds (the account page says so).
        var next = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17), status: MeetingStatus.Draft);
        await OutboxSenderTests.OpenAsync(_factory, team with { MeetingId = next });
        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal([reps[1]], _smtp.Received.Skip(2).Select(m => m.To.Mailboxes.Single().Address));
        var settings = await _factory.CreateClientFor(team.RepIds[0]).GetDocumentAsync("/account/email");
        Assert.False(Checkbox(settings, EmailKind.MeetingOpened));
        Assert.True(Checkbox(settings, EmailKind.Invitation));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8")]
    public async Task AForgedOrCutShortUnsubscribeTokenIsAnsweredWithNotFoundAndChangesNothing(string token)
    {
        var anonymous = _factory.CreateAnonymousClient();
        await anonymous.GetDocumentAsync($"/email/unsubscribe/{token}", HttpStatusCode.NotFound);
        using var post = await anonymous.PostAsync($"/email/unsubscribe/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EmailOptOuts.CountAsync()));
    }

    [Fact]
    public async Task TheAccountPageTurnsAKindOffAndOnAgainAndRefusesAKindThatDoesNotExist()
    {
        var team = await _factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Draft);
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        var form = (await rep.GetDocumentAsync("/account/email")).Form("#email-settings");
        using (var off = await rep.SubmitAsync(form, new Dictionary<string, string?> { ["on"] = nameof(EmailKind.Invitation) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        var page = await rep.GetDocumentAsync("/account/email");
        Assert.False(Checkbox(page, EmailKind.MeetingOpened));
        Assert.True(Checkbox(page, EmailKind.Invitation));
        await OutboxSenderTests.OpenAsync(_factory, team);
        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Empty(_smtp.Received);

        using (var crafted = await rep.SubmitAsync(page.Form("#email-settings"), new Dictionary<string, string?> { ["on"] = "Everything" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
        }

        using (var on = await rep.SubmitAsync(page.Form("#email-settings"), new Dictionary<string, string?> { ["on"] = nameof(EmailKind.MeetingOpened) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        }

        page = await rep.GetDocumentAsync("/account/email");
        Assert.True(Checkbox(page, EmailKind.MeetingOpened));
        Assert.False(Checkbox(page, EmailKind.Invitation));
    }

    private static bool Checkbox(AngleSharp.Html.Dom.IHtmlDocument page, EmailKind kind) =>
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#kind-{kind}")!.IsChecked;
}
