using Microsoft.EntityFrameworkCore;
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
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ChatSender> logger) : BackgroundService
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
        var batch = await OutboxLease.ClaimAsync(db.Set<ChatMessage>(), claim, settings.BatchSize, settings.Lease, clock.GetUtcNow(), stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var teamIds = batch.Select(m => m.TeamId).Distinct().ToList();
        var webhooks = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.ChatWebhook }).ToDictionaryAsync(t => t.Id, t => chat.Unprotect(t.ChatWebhook), stoppingToken);
        foreach (var message in batch)
        {
            // As the e-mail sender: the host's lifetime hears of a stop before this service's token does.
            if (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await OutboxLease.ReleaseAsync(db.Set<ChatMessage>(), claim, [message.Id]);
                continue;
            }

            // Only this post's own team's webhook, read by its TeamId: a post never reaches another team's chat.
            if (webhooks.GetValueOrDefault(message.TeamId) is not { } webhook)
            {
                await OutboxLease.SkippedAsync(db.Set<ChatMessage>(), message.Id, claim, "The team has no chat webhook now.");
                continue;
            }

            // Not the stopping token: a post in hand is finished (bounded by the poster's timeout) and recorded.
            var reply = await poster.PostAsync(webhook, message.Text, CancellationToken.None);
            if (reply.Succeeded)
            {
                await OutboxLease.SentAsync(db.Set<ChatMessage>(), message.Id, claim, clock.GetUtcNow(), Shorten(reply.Describe()));
                metrics.Sent(MessageCounts.ChatKind);
            }
            else
            {
                await FailedAsync(db, message, claim, reply);
            }
        }

        return batch.Count;
    }

    private async Task FailedAsync(ZonePollDbContext db, ChatMessage message, Guid claim, ChatReply reply)
    {
        var text = Shorten(reply.Describe());
        logger.LogWarning("Chat post {Id} failed (attempt {Attempts}): {Error}", message.Id, message.Attempts, text);
        metrics.FailedAttempt(MessageCounts.ChatKind);
        var next = clock.GetUtcNow() + settings.RetryAfter(message.Attempts);
        await OutboxLease.FailedAsync(db.Set<ChatMessage>(), message.Id, claim, message.Attempts >= settings.MaxAttempts, next, text);
    }

    private static string Shorten(string text) => text.Length <= ChatMessage.ReplyMaxLength ? text : text[..ChatMessage.ReplyMaxLength];
}
