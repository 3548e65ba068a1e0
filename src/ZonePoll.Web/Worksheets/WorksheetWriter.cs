using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// This process's only writer of worksheets. SQLite takes one writer at a time, so saves queue here and a single
/// loop applies whatever has queued up in one transaction (group commit), each save inside its own savepoint so a
/// refused or failing save leaves the others alone. A burst of a hundred saves then costs a few commits and no
/// hand-offs between request threads while the lock is held. On PostgreSQL other instances write too: each batch
/// first takes a transaction lock per team it saves to, so saves to one team still apply one batch at a time
/// across every instance, and everything read under that lock is as final as on SQLite. What a save does inside
/// its savepoint is <see cref="WorksheetApply"/>'s; once the batch is committed, the writer tells the tally of every
/// meeting it changed.
/// </summary>
public sealed partial class WorksheetWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 64;

    private readonly Channel<(SaveJob Job, TaskCompletionSource<SaveResult> Done)> _queue =
        Channel.CreateUnbounded<(SaveJob, TaskCompletionSource<SaveResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IServiceScopeFactory _scopes;
    private readonly MeetingChanges _changes;
    private readonly ILogger<WorksheetWriter> _logger;
    private readonly Task _loop;

    public WorksheetWriter(IServiceScopeFactory scopes, MeetingChanges changes, ILogger<WorksheetWriter> logger)
    {
        (_scopes, _changes, _logger) = (scopes, changes, logger);
        // Started here rather than as a hosted service: the demo seeder saves before the host runs.
        _loop = Task.Run(LoopAsync);
    }

    public Task<SaveResult> SubmitAsync(SaveJob job)
    {
        var done = new TaskCompletionSource<SaveResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((job, done)))
        {
            done.SetException(new InvalidOperationException("The app is shutting down; the worksheet was not saved."));
        }

        return done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<(SaveJob Job, TaskCompletionSource<SaveResult> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<(SaveJob Job, TaskCompletionSource<SaveResult> Done)> batch)
    {
        var results = new (SaveResult? Result, Exception? Error)[batch.Count];
        var touched = new HashSet<int>[batch.Count];
        HashSet<int> changed = [];
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
            await db.Database.OpenConnectionAsync();
            var sqlite = db.Database.IsSqlite();
            if (sqlite)
            {
                // FULL: the WAL is synced at every commit, so a save the rep was told is saved survives a power cut too
                // (NORMAL could lose the last commits). Group commit makes that one fsync per batch, not per save.
                // Each save's savepoint journals the pages it touches; in memory, not a temp file written page by page.
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;");
            }

            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is ours from here to the commit.
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var sql = new WorksheetSql(db, transaction);
            if (!sqlite)
            {
                // In ascending order, so two instances locking the same teams cannot deadlock.
                foreach (var teamId in batch.Select(b => b.Job.TeamId).Distinct().Order())
                {
                    MeetingChanges.LockTeam(db, teamId);
                }
            }

            using var versions = MeetingChanges.ForWriter(db, transaction);
            var apply = new WorksheetApply(db, sql, versions, _logger);
            for (var i = 0; i < batch.Count; i++)
            {
                sql.BeginSave();
                touched[i] = [];
                try
                {
                    var result = await apply.SaveAsync(batch[i].Job, touched[i]);
                    if (result.Outcome == SaveOutcome.Saved)
                    {
                        sql.KeepSave();
                    }
                    else
                    {
                        // Not only released: a refused save may have written already (customers it added; on
                        // PostgreSQL its whole list, sent with the version check).
                        sql.Run("ROLLBACK TO save; RELEASE save");
                    }

                    results[i] = (result, null);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // Whatever went wrong, it went wrong for this save: the batch holds other teams' saves too.
                    sql.Run("ROLLBACK TO save; RELEASE save");
                    LogSaveFailed(_logger, exception, batch[i].Job.MeetingId);
                    results[i] = (null, new SaveFailedException(exception));
                }

                db.ChangeTracker.Clear();
            }

            // Once per meeting, not per save, and in the same commit as the saves.
            var saved = Enumerable.Range(0, batch.Count).Where(i => results[i].Result?.Outcome == SaveOutcome.Saved);
            foreach (var meeting in saved.GroupBy(i => batch[i].Job.MeetingId))
            {
                changed.UnionWith(await apply.MeetingSavedAsync([.. meeting.Select(i => (batch[i].Job, touched[i]))]));
            }

            await transaction.CommitAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogBatchFailed(_logger, exception, batch.Count);
            foreach (var (_, done) in batch)
            {
                done.TrySetException(exception);
            }

            return;
        }

        // Only now, after the commit, is a save real. The tally is told before any save's task completes, so by the
        // time a page answers, its meeting's push is under way.
        _changes.Committed(changed);

        for (var i = 0; i < batch.Count; i++)
        {
            var (result, error) = results[i];
            if (result is not null)
            {
                batch[i].Done.TrySetResult(result);
            }
            else
            {
                batch[i].Done.TrySetException(error!);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    // A synchronous container disposal only stops taking saves; what is queued still drains on the loop.
    public void Dispose() => _queue.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Error, Message = "A worksheet save to meeting {MeetingId} failed; the other saves of its batch go on.")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, int meetingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write a batch of {Count} worksheet saves.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
