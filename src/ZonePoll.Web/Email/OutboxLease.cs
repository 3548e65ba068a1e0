using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ZonePoll.Web.Email;

/// <summary>The queue columns every outbox row carries (an e-mail, a chat post), which <see cref="OutboxLease"/> works on.</summary>
public interface IQueuedMessage
{
    long Id { get; }
    OutboxState State { get; }
    int Attempts { get; }
    DateTimeOffset NextAttemptAt { get; }
    Guid? LeaseOwner { get; }
    DateTimeOffset? LeaseUntil { get; }
    DateTimeOffset? SentAt { get; }
    string? ServerReply { get; }
    string? LastError { get; }
}

/// <summary>
/// How every sender takes its turn at a queue, on every instance: a batch is claimed with a lease (an UPDATE that takes
/// only rows whose lease has expired, so on PostgreSQL a second instance's UPDATE, waiting on the first's row locks,
/// re-reads them as taken and skips them), and each result is recorded only while the claim is still the sender's.
/// </summary>
public static class OutboxLease
{
    public static async Task<List<T>> ClaimAsync<T>(
        DbSet<T> queue, Guid claim, int batchSize, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class, IQueuedMessage
    {
        var candidates = await queue.AsNoTracking()
            .Where(m => m.State == OutboxState.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var until = now + lease;
        // The conditions are repeated here, not only in the read above: they are what a racing UPDATE re-checks.
        await queue
            .Where(m => candidates.Contains(m.Id) && m.State == OutboxState.Queued && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
        return await queue.AsNoTracking().Where(m => m.LeaseOwner == claim && candidates.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Records a result. Not the stopping token: a result in hand is written even as the app stops.</summary>
    public static Task<int> RecordAsync<T>(DbSet<T> queue, long id, Guid claim, Action<UpdateSettersBuilder<T>> set)
        where T : class, IQueuedMessage =>
        queue.Where(m => m.Id == id && m.LeaseOwner == claim).ExecuteUpdateAsync(set, CancellationToken.None);

    public static Task<int> SentAsync<T>(DbSet<T> queue, long id, Guid claim, DateTimeOffset sentAt, string reply)
        where T : class, IQueuedMessage =>
        RecordAsync(queue, id, claim, s => s
            .SetProperty(m => m.State, OutboxState.Sent)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.ServerReply, reply)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));

    /// <summary>Not sent, and never will be: <paramref name="why"/> is what the messages page shows.</summary>
    public static Task<int> SkippedAsync<T>(DbSet<T> queue, long id, Guid claim, string why)
        where T : class, IQueuedMessage =>
        RecordAsync(queue, id, claim, s => s
            .SetProperty(m => m.State, OutboxState.Skipped)
            .SetProperty(m => m.LastError, why)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));

    /// <summary>A failed attempt: queued again after <paramref name="next"/>, or failed for good once out of attempts.</summary>
    public static Task<int> FailedAsync<T>(DbSet<T> queue, long id, Guid claim, bool lastAttempt, DateTimeOffset next, string error)
        where T : class, IQueuedMessage =>
        RecordAsync(queue, id, claim, s => s
            .SetProperty(m => m.State, lastAttempt ? OutboxState.Failed : OutboxState.Queued)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LeaseOwner, (Guid?)null)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));

    /// <summary>Gives unsent rows back at a stop, uncounted, so the next start need not wait out the lease.</summary>
    public static Task<int> ReleaseAsync<T>(DbSet<T> queue, Guid claim, IReadOnlyCollection<long> ids)
        where T : class, IQueuedMessage =>
        queue.Where(m => ids.Contains(m.Id) && m.LeaseOwner == claim && m.State == OutboxState.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeaseOwner, (Guid?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1),
                CancellationToken.None);
}
