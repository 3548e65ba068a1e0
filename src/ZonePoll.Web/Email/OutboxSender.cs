using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Email;

/// <summary>
/// Sends what the outbox holds, on every instance. A batch is claimed with a lease (an UPDATE that only takes rows
/// whose lease has expired, so on PostgreSQL a second instance's UPDATE, waiting on the first's row locks, re-reads
/// them as taken and skips them), sent over one connection, and each result recorded against the claim. A stop
/// lets the message in hand finish and gives the rest back. A crash after the server accepted a message and before
/// the result was recorded sends it again once the lease runs out: at least once, never silently lost, and the
/// resend carries the same Message-Id.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    MailDrop drop,
    MailDestination destination,
    OutboxSignal signal,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxSender> logger)
    : BackgroundService
{
    private EmailSettings Settings => destination.Settings;

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
                // The database is away (a restart, a failover): the messages wait in it; look again later.
                logger.LogWarning(e, "The e-mail outbox could not be read; trying again shortly.");
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(Settings.PollMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch; returns how many messages it claimed.</summary>
    public async Task<int> SendBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        var claim = Guid.NewGuid();
        var batch = await OutboxLease.ClaimAsync(db.EmailOutbox, claim, Settings.BatchSize, Settings.Lease, clock.GetUtcNow(), stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var optedOut = await OptedOutAsync(db, batch, stoppingToken);
        var stillOnTeam = await StillOnTeamAsync(db, batch, stoppingToken);
        IMailSession? session = null;
        try
        {
            foreach (var (message, index) in batch.Select((m, i) => (m, i)))
            {
                // The app's stop is told to the host's lifetime before it reaches this service's token: the next message
                // waits for the next start from the first of the two.
                if (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    await OutboxLease.ReleaseAsync(db.EmailOutbox, claim, [.. batch.Skip(index).Select(m => m.Id)]);
                    break;
                }

                if (optedOut.Contains((EmailOptOut.Normalize(message.ToAddress), message.Kind)))
                {
                    await OutboxLease.SkippedAsync(db.EmailOutbox, message.Id, claim, "The recipient turned this kind of e-mail off.");
                    continue;
                }

                if (EmailKinds.IsForTeamMembers(message) && !stillOnTeam.Contains((message.TeamId, EmailOptOut.Normalize(message.ToAddress))))
                {
                    await OutboxLease.SkippedAsync(
                        db.EmailOutbox, message.Id, claim, "No longer a member of the team, or the team was archived, when it was due to be sent.");
                    continue;
                }

                try
                {
                    if (session is not { Usable: true })
                    {
                        if (session is not null)
                        {
                            await session.DisposeAsync();
                        }

                        session = null;
                        session = await drop.OpenAsync(CancellationToken.None);
                    }

                    // Not the stopping token: a message in hand is finished (the client's own timeout bounds it) and
                    // recorded, so a stop never leaves one sent but unrecorded.
                    var reply = await session.SendAsync(EmailOutbox.Compose(message, Settings.Smtp.From), CancellationToken.None);
                    await OutboxLease.SentAsync(db.EmailOutbox, message.Id, claim, clock.GetUtcNow(), Shorten(reply));
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    await FailedAsync(db, message, claim, e);
                    if (session is { Usable: false })
                    {
                        await session.DisposeAsync();
                        session = null;
                    }
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return batch.Count;
    }

    private static async Task<HashSet<(string, EmailKind)>> OptedOutAsync(ZonePollDbContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var addresses = batch.Select(m => EmailOptOut.Normalize(m.ToAddress)).Distinct().ToList();
        var rows = await db.EmailOptOuts.Where(o => addresses.Contains(o.NormalizedAddress)).Select(o => new { o.NormalizedAddress, o.Kind })
            .ToListAsync(cancellationToken);
        return rows.Select(o => (o.NormalizedAddress, o.Kind)).ToHashSet();
    }

    /// <summary>
    /// Which of the batch's team-members-only recipients are still members of a team in use. An address is matched to a
    /// member by the e-mail on their account, as Identity normalises it; invitations (to addresses, not members) are not asked.
    /// </summary>
    private static async Task<HashSet<(int, string)>> StillOnTeamAsync(
        ZonePollDbContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var scoped = batch.Where(EmailKinds.IsForTeamMembers).ToList();
        if (scoped.Count == 0)
        {
            return [];
        }

        var teamIds = scoped.Select(m => m.TeamId).Distinct().ToList();
        var addresses = scoped.Select(m => EmailOptOut.Normalize(m.ToAddress)).Distinct().ToList();
        var rows = await db.TeamMembers.AsNoTracking()
            .Where(m => teamIds.Contains(m.TeamId) && m.Team!.ArchivedAt == null && addresses.Contains(m.User!.NormalizedEmail!))
            .Select(m => new { m.TeamId, m.User!.NormalizedEmail })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.TeamId, r.NormalizedEmail!)).ToHashSet();
    }

    private async Task FailedAsync(ZonePollDbContext db, OutboxMessage message, Guid claim, Exception error)
    {
        var text = Shorten($"{error.GetType().Name}: {error.Message}");
        logger.LogWarning("E-mail {Id} to the outbox's recipient failed (attempt {Attempts}): {Error}", message.Id, message.Attempts, text);
        await OutboxLease.FailedAsync(
            db.EmailOutbox, message.Id, claim, message.Attempts >= Settings.MaxAttempts, clock.GetUtcNow() + Settings.RetryAfter(message.Attempts), text);
    }

    private static string Shorten(string text) => text.Length <= OutboxMessage.ReplyMaxLength ? text : text[..OutboxMessage.ReplyMaxLength];
}
