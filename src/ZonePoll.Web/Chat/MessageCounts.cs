using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Chat;

/// <summary>What the outboxes hold, by kind (e-mail, chat) and state: for a team's managers, and for the metrics.</summary>
public static class MessageCounts
{
    public const string EmailKind = "email";
    public const string ChatKind = "chat";

    public sealed record Count(string Kind, OutboxState State, int Messages);

    /// <summary>One team's; every team's when <paramref name="teamId"/> is null.</summary>
    public static async Task<IReadOnlyList<Count>> ReadAsync(ZonePollDbContext db, int? teamId, CancellationToken cancellationToken)
    {
        var email = await db.EmailOutbox.AsNoTracking().Where(m => teamId == null || m.TeamId == teamId)
            .GroupBy(m => m.State).Select(g => new { State = g.Key, Messages = g.Count() }).ToListAsync(cancellationToken);
        var chat = await db.Set<ChatMessage>().AsNoTracking().Where(m => teamId == null || m.TeamId == teamId)
            .GroupBy(m => m.State).Select(g => new { State = g.Key, Messages = g.Count() }).ToListAsync(cancellationToken);
        return
        [
            .. Enum.GetValues<OutboxState>().Select(s => new Count(EmailKind, s, email.FirstOrDefault(c => c.State == s)?.Messages ?? 0)),
            .. Enum.GetValues<OutboxState>().Select(s => new Count(ChatKind, s, chat.FirstOrDefault(c => c.State == s)?.Messages ?? 0)),
        ];
    }
}

/// <summary>
/// Counts the outboxes for the <c>zonepoll.outbox.messages</c> gauge every so often, only while metrics are enabled:
/// a gauge's callback can't wait on the database, and a scrape should not cost one.
/// </summary>
public sealed class OutboxGauge(IServiceScopeFactory scopes, ZonePollMetrics metrics, IOptions<MetricsSettings> settings, ILogger<OutboxGauge> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!metrics.Enabled)
        {
            return;
        }

        var every = TimeSpan.FromSeconds(Math.Max(1, settings.Value.OutboxCountSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var counts = await MessageCounts.ReadAsync(scope.ServiceProvider.GetRequiredService<ZonePollDbContext>(), null, stoppingToken);
                metrics.OutboxCounted([.. counts.Select(c => new ZonePollMetrics.OutboxCount(c.Kind, c.State.ToString().ToLowerInvariant(), c.Messages))]);
                await Task.Delay(every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning(e, "The outboxes could not be counted for the metrics; trying again shortly.");
                await Task.Delay(every, stoppingToken);
            }
        }
    }
}
