using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: the outbox sends each message once, through a stop mid-send, a dead sender and two instances racing.</summary>
public sealed class OutboxSenderTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly string _folder = ZonePollFactory.NewFolder();

    public void Dispose() => _smtp.Dispose();

    [Fact]
    public async Task AMessageInHandWhenTheAppStopsIsFinishedAndRecordedSoTheRestartedAppSendsEachRepOneMessage()
    {
        TeamSetup team;
        var first = new EmailFactory(_smtp, _folder, keepFiles: true, TestDatabases.DefaultProvider);
        try
        {
            team = await first.CreateTeamAsync(reps: 3, status: MeetingStatus.Draft);
            var held = _smtp.HoldNextAsync();
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            first.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
            await OpenAsync(first, team);
            await held;

            // The app is told to stop while the server still holds the first message's DATA; then the server answers.
            var stopped = Task.Run(first.Dispose);
            await stopping.Task;
            _smtp.Release();
            await stopped;
        }
        finally
        {
            first.Dispose();
        }

        Assert.Single(_smtp.Received);
        using var restarted = new EmailFactory(_smtp, _folder, keepFiles: false, TestDatabases.DefaultProvider);
        await EmailTests.OutboxSettledAsync(restarted);
        var reps = await EmailTests.AddressesAsync(restarted, team.RepIds);
        Assert.Equal(reps.Order(), _smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(3, await restarted.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.State == OutboxState.Sent && m.ServerReply != null)));
    }

    [Fact]
    public async Task AMessageWhoseSenderDiedMidSendIsSentOnceWhenItsLeaseRunsOutUnderItsFirstMessageIdAndALiveLeaseIsLeftAlone()
    {
        using var factory = new EmailFactory(_smtp, _folder, keepFiles: false, TestDatabases.DefaultProvider);
        var team = await factory.CreateTeamAsync(reps: 1);
        var now = DateTimeOffset.UtcNow;
        await factory.WithDbAsync(db =>
        {
            // What a sender killed mid-send leaves, and what a live one on another instance holds.
            db.EmailOutbox.AddRange(
                Row(team.TeamId, "dead@example.com", "dead-sender@zonepoll.test", now, leaseUntil: now.AddSeconds(-1)),
                Row(team.TeamId, "live@example.com", "live-sender@zonepoll.test", now, leaseUntil: now.AddHours(1)));
            return db.SaveChangesAsync();
        });

        var received = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("dead-sender@zonepoll.test", received.MessageId);
        Assert.Equal("dead@example.com", received.To.Mailboxes.Single().Address);
        await WaitForAsync(factory, db => db.EmailOutbox.AnyAsync(m => m.MessageId == "dead-sender@zonepoll.test" && m.State == OutboxState.Sent));
        var live = await factory.WithDbAsync(db => db.EmailOutbox.SingleAsync(m => m.MessageId == "live-sender@zonepoll.test"));
        Assert.Equal(OutboxState.Queued, live.State);
        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task TwoInstancesSendingFromOneOutboxSendEachMessageExactlyOnce()
    {
        const int count = 60;
        var first = new EmailFactory(_smtp, _folder, keepFiles: true, TestDatabases.DefaultProvider, batchSize: 4);
        var second = new EmailFactory(_smtp, _folder, keepFiles: false, TestDatabases.DefaultProvider, batchSize: 4);
        try
        {
            var team = await first.CreateTeamAsync(reps: 1);
            using var warm = second.CreateAnonymousClient();
            var now = DateTimeOffset.UtcNow;
            await first.WithDbAsync(db =>
            {
                db.EmailOutbox.AddRange(Enumerable.Range(0, count).Select(i => Row(team.TeamId, $"rep{i}@example.com", $"race-{i}@zonepoll.test", now)));
                return db.SaveChangesAsync();
            });

            await _smtp.WaitForAsync(count);
            await EmailTests.OutboxSettledAsync(first);
            var senders = await first.WithDbAsync(db => db.EmailOutbox.Select(m => m.LeaseOwner).Distinct().CountAsync());
            Assert.True(senders > 1, "Expected the batches to be claimed more than once.");
        }
        finally
        {
            // Both stopped (a stop finishes what is in hand), so any second copy would have arrived by now.
            second.Dispose();
            first.Dispose();
        }

        Assert.Equal(count, _smtp.Received.Count);
        Assert.Equal(count, _smtp.Received.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task WithNoSmtpServerEachEmailIsWrittenAsAnEmlFileBesideTheDatabaseAndTheManagerIsToldWhere()
    {
        using var factory = new EmailFactory(null, _folder, keepFiles: false, TestDatabases.DefaultProvider);
        var team = await factory.CreateTeamAsync(reps: 2, status: MeetingStatus.Draft);
        var (manager, opened) = await OpenAsync(factory, team);
        await EmailTests.OutboxSettledAsync(factory);

        var files = Directory.GetFiles(factory.MailFolder, "*.eml");
        Assert.Equal(2, files.Length);
        var message = await MimeKit.MimeMessage.LoadAsync(files[0]);
        Assert.StartsWith("Fill in your ten", message.Subject, StringComparison.Ordinal);
        var page = await manager.GetDocumentAsync(opened);
        Assert.Contains(factory.MailFolder, page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    private static OutboxMessage Row(int teamId, string to, string messageId, DateTimeOffset now, DateTimeOffset? leaseUntil = null) => new()
    {
        Kind = EmailKind.MeetingOpened,
        TeamId = teamId,
        ToAddress = to,
        Subject = "Fill in your ten",
        HtmlBody = "<p>Fill in your ten</p>",
        TextBody = "Fill in your ten",
        MessageId = messageId,
        UnsubscribeUrl = $"{EmailFactory.PublicUrl}/email/unsubscribe/x",
        State = OutboxState.Queued,
        Attempts = leaseUntil is null ? 0 : 1,
        CreatedAt = now,
        NextAttemptAt = now,
        LeaseOwner = leaseUntil is null ? null : Guid.NewGuid(),
        LeaseUntil = leaseUntil,
    };

    /// <summary>Opens the team's meeting as its manager; returns the page the manager is sent back to.</summary>
    internal static async Task<(HttpClient Manager, string Location)> OpenAsync(ZonePollFactory factory, TeamSetup team)
    {
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        using var response = await manager.SubmitAsync(
            page.Form("form[action*='handler=Status']"),
            submitter: AngleSharp.Dom.ParentNodeExtensions.QuerySelector<AngleSharp.Html.Dom.IHtmlButtonElement>(page, "button[value=Open]"));
        return (manager, response.Headers.Location!.OriginalString);
    }

    private static async Task WaitForAsync(ZonePollFactory factory, Func<ZonePollDbContext, Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await factory.WithDbAsync(condition))
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
