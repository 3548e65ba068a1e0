using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Chat;

/// <summary>
/// Posts what the chat queue holds, on every instance, as <see cref="OutboxSender"/> sends e-mail: a batch is claimed
/// with a lease (an UPDATE that takes only rows whose lease has expired, re-checked by a racing instance's UPDATE), each
/// result recorded against the claim, failures retried with backoff until <see cref="ChatSettings.MaxAttempts"/>. The
/// webhook is read from the team at send time: a team that removed it has its queued posts skipped.
/// </summary>
public sealed class ChatSender(
    IServiceScopeFactory scopes, ChatPoster poster, TeamChat chat, ChatSignal signal, ChatSettings settings, ZonePollMetrics metrics,
    TimeProvider clock, ILogger<ChatSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await SendBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The database is away (a restart, a failover): the posts wait in it; look again later.
                logger.LogWarning(e, "The chat queue could not be read; trying again shortly.");
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and posts one batch; returns how many posts it claimed.</summary>
    public async Task<int> SendBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        var claim = Guid.NewGuid();
        var batch = await ClaimAsync(db, claim, stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var teamIds = batch.Select(m => m.TeamId).Distinct().ToList();
        var webhooks = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.ChatWebhook }).ToDictionaryAsync(t => t.Id, t => chat.Unprotect(t.ChatWebhook), stoppingToken);
        foreach (var message in batch)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync(db, claim, message.Id);
                continue;
            }

            // Only this post's own team's webhook, read by its TeamId: a post never reaches another team's chat.
            if (webhooks.GetValueOrDefault(message.TeamId) is not { } webhook)
            {
                await RecordAsync(db, message.Id, claim, s => s.SetProperty(m => m.State, OutboxState.Skipped)
                    .SetProperty(m => m.LastError, "The team has no chat webhook now.").SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));
                continue;
            }

            // Not the stopping token: a post in hand is finished (bounded by the poster's timeout) and recorded.
            var reply = await poster.PostAsync(webhook, message.Text, CancellationToken.None);
            if (reply.Succeeded)
            {
                var sentAt = clock.GetUtcNow();
                await RecordAsync(db, message.Id, claim, s => s
                    .SetProperty(m => m.State, OutboxState.Sent)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.ServerReply, Shorten(reply.Describe()))
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));
                metrics.Sent(MessageCounts.ChatKind);
            }
            else
            {
                await FailedAsync(db, message, claim, reply);
            }
        }

        return batch.Count;
    }

    private async Task<List<ChatMessage>> ClaimAsync(ZonePollDbContext db, Guid claim, CancellationToken cancellationToken)
    {
        var queue = db.Set<ChatMessage>();
        var now = clock.GetUtcNow();
        var candidates = await queue.AsNoTracking()
            .Where(m => m.State == OutboxState.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var until = now + settings.Lease;
        // The conditions are repeated here, not only in the read above: they are what a racing UPDATE re-checks.
        await queue
            .Where(m => candidates.Contains(m.Id) && m.State == OutboxState.Queued && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
        return await queue.AsNoTracking().Where(m => m.LeaseOwner == claim && candidates.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private async Task FailedAsync(ZonePollDbContext db, ChatMessage message, Guid claim, ChatReply reply)
    {
        var failed = message.Attempts >= settings.MaxAttempts;
        var next = clock.GetUtcNow() + settings.RetryAfter(message.Attempts);
        var text = Shorten(reply.Describe());
        logger.LogWarning("Chat post {Id} failed (attempt {Attempts}): {Error}", message.Id, message.Attempts, text);
        metrics.FailedAttempt(MessageCounts.ChatKind);
        await RecordAsync(db, message.Id, claim, s => s
            .SetProperty(m => m.State, failed ? OutboxState.Failed : OutboxState.Queued)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));
    }

    /// <summary>Gives an unsent post back at a stop, uncounted, so the next start need not wait out the lease.</summary>
    private static Task<int> ReleaseAsync(ZonePollDbContext db, Guid claim, long id) =>
        db.Set<ChatMessage>().Where(m => m.Id == id && m.LeaseOwner == claim && m.State == OutboxState.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeaseOwner, (Guid?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1),
                CancellationToken.None);

    // Only while the claim is still this sender's: a result never lands on a post someone else has since taken.
    private static Task<int> RecordAsync(ZonePollDbContext db, long id, Guid claim, Action<UpdateSettersBuilder<ChatMessage>> set) =>
        db.Set<ChatMessage>().Where(m => m.Id == id && m.LeaseOwner == claim).ExecuteUpdateAsync(set, CancellationToken.None);

    private static string Shorten(string text) => text.Length <= ChatMessage.ReplyMaxLength ? text : text[..ChatMessage.ReplyMaxLength];
}
