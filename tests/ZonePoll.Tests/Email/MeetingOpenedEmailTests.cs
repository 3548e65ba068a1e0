using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: opening a meeting e-mails each rep of the team, once, with the link to their worksheet.</summary>
public sealed class MeetingOpenedEmailTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public MeetingOpenedEmailTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task OpeningAMeetingEmailsEachRepOfItsTeamOnceWithALinkThatOpensTheirWorksheet()
    {
        var team = await _factory.CreateTeamAsync(reps: 2, status: MeetingStatus.Draft);
        var elsewhere = await _factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Draft, teamName: "Sales South");
        var manager = _factory.CreateClientFor(team.ManagerId);

        using var opened = await OpenAsync(manager, team.MeetingId);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var messages = await _smtp.WaitForAsync(2);
        await EmailTests.OutboxSettledAsync(_factory);

        var reps = await EmailTests.AddressesAsync(_factory, team.RepIds);
        Assert.Equal(reps.Order(), messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in messages)
        {
            Assert.StartsWith("Fill in your ten for November meeting", message.Subject, StringComparison.Ordinal);
            Assert.NotNull(message.HtmlBody);
            Assert.NotNull(message.TextBody);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.StartsWith($"<{EmailFactory.PublicUrl}/email/unsubscribe/", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            var link = EmailTests.Link(message, "/worksheet");
            Assert.Equal($"{EmailFactory.PublicUrl}/meetings/{team.MeetingId}/worksheet", link);
            Assert.Contains($"href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);

            // The rep it was sent to opens it and finds their worksheet.
            var rep = team.RepIds[reps.IndexOf(message.To.Mailboxes.Single().Address)];
            var worksheet = await _factory.CreateClientFor(rep).GetDocumentAsync(link[EmailFactory.PublicUrl.Length..]);
            Assert.NotNull(worksheet.QuerySelector("form[method=post]"));
        }

        // The manager's page says the reps were e-mailed; nobody of the other team heard anything.
        var page = await manager.GetDocumentAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains("2 reps were e-mailed", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var strangers = await EmailTests.AddressesAsync(_factory, [elsewhere.ManagerId, .. elsewhere.RepIds, team.ManagerId]);
        Assert.DoesNotContain(_smtp.Received, m => strangers.Contains(m.To.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task AMeetingPutBackToDraftAndOpenedAgainDoesNotEmailTheRepsTwice()
    {
        var team = await _factory.CreateTeamAsync(reps: 2, status: MeetingStatus.Draft);
        var manager = _factory.CreateClientFor(team.ManagerId);
        (await OpenAsync(manager, team.MeetingId)).Dispose();
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var draft = page.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[value=Draft]");
        (await manager.SubmitAsync(page.Form("form[action*='handler=Status']"), submitter: draft)).Dispose();
        (await OpenAsync(manager, team.MeetingId)).Dispose();

        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal(2, _smtp.Received.Count);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.MeetingId == team.MeetingId)));
    }

    [Fact]
    public async Task AMeetingCreatedOpenEmailsTheRepsAndOneCreatedAsADraftDoesNot()
    {
        var team = await _factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Locked);
        var manager = _factory.CreateClientFor(team.ManagerId);
        var form = (await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new")).Form();
        // Two meetings of one team can't share a date, so the second is a week after the first.
        var proposed = DateOnly.Parse(form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Date']")!.Value, CultureInfo.InvariantCulture);
        (await manager.SubmitAsync(form, new Dictionary<string, string?> { ["Input.Title"] = "Draft meeting", ["Input.OpenNow"] = "false" })).Dispose();
        (await manager.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Title"] = "Open meeting",
            ["Input.OpenNow"] = "true",
            ["Input.Date"] = proposed.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).Dispose();
        var created = await _factory.WithDbAsync(db => db.Meetings
            .CountAsync(m => m.TeamId == team.TeamId && (m.Title == "Draft meeting" || m.Title == "Open meeting")));
        Assert.Equal(2, created);

        var messages = await _smtp.WaitForAsync(1);
        await EmailTests.OutboxSettledAsync(_factory);
        var message = Assert.Single(messages);
        Assert.StartsWith("Fill in your ten for Open meeting", message.Subject, StringComparison.Ordinal);
        var openId = await _factory.WithDbAsync(db => db.Meetings.Where(m => m.Title == "Open meeting").Select(m => m.Id).SingleAsync());
        Assert.Equal($"{EmailFactory.PublicUrl}/meetings/{openId}/worksheet", EmailTests.Link(message, "/worksheet"));
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient manager, int meetingId)
    {
        var page = await manager.GetDocumentAsync($"/meetings/{meetingId}");
        return await manager.SubmitAsync(
            page.Form("form[action*='handler=Status']"), submitter: page.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>("button[value=Open]"));
    }
}

/// <summary>What the e-mail tests share.</summary>
public static partial class EmailTests
{
    public static Task<List<string>> AddressesAsync(ZonePollFactory factory, IEnumerable<string> userIds)
    {
        var ids = userIds.ToList();
        return factory.WithDbAsync(async db =>
        {
            var emails = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync();
            return ids.Select(id => emails.Single(e => e.Id == id).Email!).ToList();
        });
    }

    /// <summary>The first link in the plain-text part that ends with <paramref name="ending"/>.</summary>
    public static string Link(MimeMessage message, string ending) => Links(message).First(url => url.EndsWith(ending, StringComparison.Ordinal));

    public static IEnumerable<string> Links(MimeMessage message) => UrlPattern().Matches(message.TextBody ?? "").Select(m => m.Value);

    /// <summary>Waits until nothing is queued (failing after a minute).</summary>
    public static async Task OutboxSettledAsync(ZonePollFactory factory)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await factory.WithDbAsync(db => db.EmailOutbox.AnyAsync(m => m.State == OutboxState.Queued)))
        {
            await Task.Delay(20, patience.Token);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex UrlPattern();
}
