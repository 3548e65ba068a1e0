using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: a team's page sends at most 200 invitations a day, and says so beside the field.</summary>
public sealed class InvitationLimitTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public InvitationLimitTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task ATeamThatSentItsDailyInvitationsIsToldHowManyMoreCanGoWithWhatItTypedKeptAndNothingSent()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var now = DateTimeOffset.UtcNow;
        await _factory.WithDbAsync(db =>
        {
            // 199 sent within the day, and older ones that no longer count.
            db.EmailOutbox.AddRange(Enumerable.Range(0, 210).Select(i => new OutboxMessage
            {
                Kind = EmailKind.Invitation,
                TeamId = team.TeamId,
                ToAddress = $"earlier{i}@example.com",
                Subject = "Join",
                MessageId = $"earlier-{i}@zonepoll.test",
                State = OutboxState.Sent,
                CreatedAt = i < 199 ? now.AddHours(-3) : now.AddDays(-2),
                NextAttemptAt = now,
            }));
            return db.SaveChangesAsync();
        });
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        using var refused = await manager.SubmitAsync(
            page.Form("form[action*='InviteByEmail']"), new Dictionary<string, string?> { ["emails"] = "sam@example.com, kim@example.com" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Send at most 1 more now", shown.QuerySelector("#invite-emails-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("sam@example.com, kim@example.com", shown.QuerySelector<IHtmlTextAreaElement>("#invite-emails")!.Value);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.State == OutboxState.Queued)));

        using var sent = await manager.SubmitAsync(
            page.Form("form[action*='InviteByEmail']"), new Dictionary<string, string?> { ["emails"] = "sam@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("sam@example.com", Assert.Single(await _smtp.WaitForAsync(1)).To.Mailboxes.Single().Address);
    }
}
