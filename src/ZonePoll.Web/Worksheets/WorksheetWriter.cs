using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

/// <summary>A save, prepared outside the lock: what was typed, plus what could be read beforehand.</summary>
public sealed record SaveJob(
    int MeetingId,
    int TeamId,
    DateOnly MeetingDate,
    string RepId,
    int PostedVersion,
    IReadOnlyList<CleanEntry> Entries,
    IReadOnlyList<CleanDrop> Drops,
    int? WorksheetId,
    IReadOnlyDictionary<string, int> KnownCustomers,
    DateTimeOffset Now);

/// <summary>
/// This process's only writer of worksheets. SQLite takes one writer at a time, so saves queue here and a single
/// loop applies whatever has queued up in one transaction (group commit), each save inside its own savepoint so a
/// refused or failing save leaves the others alone. A burst of a hundred saves then costs a few commits and no
/// hand-offs between request threads while the lock is held. On PostgreSQL other instances write too: each batch
/// first takes a transaction lock per team it saves to, so saves to one team still apply one batch at a time
/// across every instance, and everything read under that lock is as final as on SQLite.
/// </summary>
public sealed partial class WorksheetWriter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 64;

    private readonly Channel<(SaveJob Job, TaskCompletionSource<SaveResult> Done)> _queue =
        Channel.CreateUnbounded<(SaveJob, TaskCompletionSource<SaveResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<WorksheetWriter> _logger;
    private readonly Task _loop;

    public WorksheetWriter(IServiceScopeFactory scopes, ILogger<WorksheetWriter> logger)
    {
        (_scopes, _logger) = (scopes, logger);
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
            using var commands = new HotCommands(db, transaction);
            if (!sqlite)
            {
                // In ascending order, so two instances locking the same teams cannot deadlock.
                foreach (var teamId in batch.Select(b => b.Job.TeamId).Distinct().Order())
                {
                    commands.LockTeam(teamId);
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                commands.BeginSave();
                touched[i] = [];
                try
                {
                    var result = await ApplyAsync(db, commands, batch[i].Job, touched[i]);
                    if (result.Outcome == SaveOutcome.Saved)
                    {
                        commands.KeepSave();
                    }
                    else
                    {
                        commands.Run("ROLLBACK TO save; RELEASE save");
                    }

                    results[i] = (result, null);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // Whatever went wrong, it went wrong for this save: the batch holds other teams' saves too.
                    commands.Run("ROLLBACK TO save; RELEASE save");
                    LogSaveFailed(_logger, exception, batch[i].Job.MeetingId);
                    results[i] = (null, new SaveFailedException(exception));
                }

                db.ChangeTracker.Clear();
            }

            await MeetingsSavedAsync(db, commands, batch, results, touched);
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

        // Only now, after the commit, is a save real.
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

    /// <summary>
    /// For each meeting this batch saved to: bumps its versions in the same commit as the saves, so a cached snapshot
    /// can never outlive them; then brings its follow-ups in line, in their own savepoint: should that fail, the saves
    /// still stand, the meeting is marked <see cref="Meeting.FollowUpsBehind"/> in the same commit, and its next save
    /// (on any instance, after any restart) brings every customer's follow-ups up to date. Follow-ups are the team's, shown in
    /// every meeting's tally where they are live, so when any changed, every team meeting's tally version moves too.
    /// </summary>
    private async Task MeetingsSavedAsync(ZonePollDbContext db, HotCommands commands, List<(SaveJob Job, TaskCompletionSource<SaveResult> Done)> batch, (SaveResult? Result, Exception? Error)[] results, HashSet<int>[] touched)
    {
        var saved = batch.Select((b, i) => (b.Job, Index: i, Touched: touched[i])).Where(s => results[s.Index].Result?.Outcome == SaveOutcome.Saved);
        foreach (var meeting in saved.GroupBy(s => s.Job.MeetingId))
        {
            var behind = commands.BumpVersions(meeting.Key);
            commands.Run("SAVEPOINT followups");
            try
            {
                var customers = behind ? null : meeting.SelectMany(s => s.Touched).ToHashSet();
                var changed = await FollowUpSync.ApplyAsync(db, [.. meeting.Select(s => s.Job)], customers);
                commands.Run("RELEASE followups");
                if (behind)
                {
                    commands.SetFollowUpsBehind(meeting.Key, false);
                }
                if (changed && commands.BumpTeamTallies(meeting.First().Job.TeamId, meeting.Key) is { Count: > 0 } others)
                {
                    foreach (var (_, index, _) in meeting)
                    {
                        results[index] = (results[index].Result! with { AlsoChanged = others }, null);
                    }
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                commands.Run("ROLLBACK TO followups; RELEASE followups");
                if (!behind)
                {
                    commands.SetFollowUpsBehind(meeting.Key, true);
                }
                LogFollowUpsFailed(_logger, exception, meeting.Key);
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// One save under the lock. The common case is four statements: a conditional version bump (which is also
    /// the open-meeting and concurrency check), two deletes (entries, drop reasons) and one insert of all its entries.
    /// Every customer the worksheet had or now has on its list or drops goes into <paramref name="touched"/>.
    /// </summary>
    private static async Task<SaveResult> ApplyAsync(ZonePollDbContext db, HotCommands commands, SaveJob job, HashSet<int> touched)
    {
        int worksheetId;
        if (job.WorksheetId is { } existingId && job.PostedVersion > 0)
        {
            var bumped = commands.BumpVersion(existingId, job.PostedVersion, job.MeetingId, job.Now);
            if (bumped == 0)
            {
                var (status, version) = await StateAsync(db, job);
                return new SaveResult(status == MeetingStatus.Open ? SaveOutcome.ChangedElsewhere : Refusal(status), version);
            }

            worksheetId = existingId;
            commands.DeleteEntries(existingId, touched);
            commands.DeleteDrops(existingId, touched);
        }
        else
        {
            var (status, version) = await StateAsync(db, job);
            if (status != MeetingStatus.Open)
            {
                return new SaveResult(Refusal(status), version);
            }

            if (version != job.PostedVersion)
            {
                return new SaveResult(SaveOutcome.ChangedElsewhere, version);
            }

            var worksheet = new Worksheet { MeetingId = job.MeetingId, RepId = job.RepId, Version = 1, UpdatedAt = job.Now };
            db.Worksheets.Add(worksheet);
            await db.SaveChangesAsync();
            worksheetId = worksheet.Id;
        }

        var customerIds = await CustomerIdsAsync(db, job);
        commands.InsertEntries(worksheetId, job.Entries, customerIds);
        touched.UnionWith(job.Entries.Select(e => customerIds[e.NormalizedName]));

        touched.UnionWith(job.Drops.Select(d => d.CustomerId));

        // Rare (only after a rep takes customers off their list), so EF rather than another prepared command.
        if (job.Drops.Count > 0)
        {
            db.Drops.AddRange(job.Drops.Select(d => new Drop { WorksheetId = worksheetId, CustomerId = d.CustomerId, Reason = d.Reason, LastZone = d.LastZone }));
            await db.SaveChangesAsync();
        }

        return new SaveResult(SaveOutcome.Saved, job.PostedVersion + 1);
    }

    private static SaveOutcome Refusal(MeetingStatus status) => status == MeetingStatus.Locked ? SaveOutcome.Locked : SaveOutcome.NotOpenYet;

    /// <summary>The meeting's status and the worksheet's current version (0 before its first save).</summary>
    private static async Task<(MeetingStatus Status, int Version)> StateAsync(ZonePollDbContext db, SaveJob job)
    {
        var state = await db.Meetings
            .Where(m => m.Id == job.MeetingId)
            .Select(m => new
            {
                m.Status,
                // A scalar subquery: an object one would need APPLY, which SQLite lacks.
                Version = db.Worksheets.Where(w => w.MeetingId == job.MeetingId && w.RepId == job.RepId).Select(w => (int?)w.Version).FirstOrDefault(),
            })
            .SingleAsync();
        return (state.Status, state.Version ?? 0);
    }

    /// <summary>Ids for every customer of the save, adding the new ones; under the lock this answer is final.</summary>
    private static async Task<Dictionary<string, int>> CustomerIdsAsync(ZonePollDbContext db, SaveJob job)
    {
        var ids = new Dictionary<string, int>(job.KnownCustomers, StringComparer.Ordinal);
        if (job.Entries.All(e => ids.ContainsKey(e.NormalizedName)))
        {
            return ids;
        }

        // Another save may have added some since the request's unlocked read.
        foreach (var (name, id) in await WorksheetSaver.KnownCustomersAsync(db, job.TeamId, job.Entries, CancellationToken.None))
        {
            ids[name] = id;
        }

        var added = job.Entries
            .Where(e => !ids.ContainsKey(e.NormalizedName))
            .Select(e => new Customer { TeamId = job.TeamId, Name = e.Name, NormalizedName = e.NormalizedName })
            .ToList();
        db.Customers.AddRange(added);
        await db.SaveChangesAsync();
        foreach (var customer in added)
        {
            ids[customer.NormalizedName] = customer.Id;
        }

        return ids;
    }

    /// <summary>
    /// The statements every save runs, prepared once per batch on the writer's connection. Through EF each
    /// costs about half a millisecond here, and they run while every other save waits; prepared, a few microseconds.
    /// The model's mapping is repeated by hand: Zone and AccountType as names, Causes as its bits, UpdatedAt as DateTimeOffset binary.
    /// Plain SQL that SQLite and PostgreSQL both take, with @-named parameters.
    /// </summary>
    internal sealed class HotCommands : IDisposable
    {
        private static readonly DateTimeOffsetToBinaryConverter Timestamp = new();

        /// <summary>
        /// The columns every save inserts, in the order <see cref="InsertEntries"/> passes their values; a test holds
        /// this list to the EF model, so a new column on <see cref="Entry"/> cannot be forgotten here.
        /// </summary>
        internal static readonly string[] InsertedEntryColumns = ["WorksheetId", "Position", "CustomerId", "CustomerName", "Zone", "AccountType", "Note", "Pinched", "Causes"];

        // PostgreSQL prepares a statement with its parameters' types, before any value is bound.
        private static readonly DbType[] InsertedEntryTypes = [DbType.Int32, DbType.Int32, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Boolean, DbType.Int32];

        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly DbCommand _bump;
        private readonly DbCommand _delete;
        private readonly DbCommand _bumpVersions;
        private readonly DbCommand _deleteDrops;
        private readonly DbCommand _savepoint;
        private readonly DbCommand _release;

        // One multi-row insert per save, prepared for each row count as it comes up: on PostgreSQL each statement is
        // a round trip while the team's lock is held, and ten of them were most of a save's round trips.
        private readonly DbCommand?[] _inserts = new DbCommand?[Worksheet.MaxEntries + 1];

        public HotCommands(ZonePollDbContext db, IDbContextTransaction transaction)
        {
            _connection = db.Database.GetDbConnection();
            _transaction = transaction.GetDbTransaction();
            _bump = Prepare(
                """
                UPDATE "Worksheets" SET "Version" = "Version" + 1, "UpdatedAt" = @now
                WHERE "Id" = @id AND "Version" = @version
                  AND EXISTS (SELECT 1 FROM "Meetings" WHERE "Id" = @meeting AND "Status" = 'Open')
                """,
                ("@now", DbType.Int64), ("@id", DbType.Int32), ("@version", DbType.Int32), ("@meeting", DbType.Int32));
            // RETURNING (SQLite 3.35+, PostgreSQL): which customers left the list, for the follow-ups.
            _delete = Prepare("""DELETE FROM "Entries" WHERE "WorksheetId" = @id RETURNING "CustomerId" """, ("@id", DbType.Int32));
            _bumpVersions = Prepare(
                """UPDATE "Meetings" SET "TallyVersion" = "TallyVersion" + 1, "WorksheetsVersion" = "WorksheetsVersion" + 1 WHERE "Id" = @id RETURNING "FollowUpsBehind" """,
                ("@id", DbType.Int32));
            _deleteDrops = Prepare("""DELETE FROM "Drops" WHERE "WorksheetId" = @id RETURNING "CustomerId" """, ("@id", DbType.Int32));
            _savepoint = Prepare("SAVEPOINT save");
            _release = Prepare("RELEASE save");
        }

        /// <summary>PostgreSQL only: waits for, then holds until the commit, this batch's turn at the team.</summary>
        public void LockTeam(int teamId)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@team)";
            var team = Parameter(command, "@team", DbType.Int64);
            team.Value = (long)teamId;
            command.Parameters.Add(team);
            command.ExecuteNonQuery();
        }

        public int BumpVersion(int worksheetId, int version, int meetingId, DateTimeOffset now) =>
            Execute(_bump, Timestamp.ConvertToProvider(now), worksheetId, version, meetingId);

        public void DeleteEntries(int worksheetId, HashSet<int> customers) => ReadIds(_delete, worksheetId, customers);

        /// <summary>Bumps the meeting's versions; returns whether its follow-ups are behind its worksheets.</summary>
        public bool BumpVersions(int meetingId)
        {
            _bumpVersions.Parameters[0].Value = meetingId;
            using var reader = _bumpVersions.ExecuteReader();
            return reader.Read() && reader.GetBoolean(0);
        }

        /// <summary>Rare (only after a failure, and the save after it), so not prepared.</summary>
        public void SetFollowUpsBehind(int meetingId, bool behind)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """UPDATE "Meetings" SET "FollowUpsBehind" = @behind WHERE "Id" = @id""";
            var flag = Parameter(command, "@behind", DbType.Boolean);
            flag.Value = behind;
            var id = Parameter(command, "@id", DbType.Int32);
            id.Value = meetingId;
            command.Parameters.Add(flag);
            command.Parameters.Add(id);
            command.ExecuteNonQuery();
        }

        /// <summary>Bumps the tally version of the team's other meetings; returns those in play (not locked), to push.</summary>
        public List<int> BumpTeamTallies(int teamId, int savedMeetingId)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """UPDATE "Meetings" SET "TallyVersion" = "TallyVersion" + 1 WHERE "TeamId" = @team AND "Id" <> @id RETURNING "Id", "Status" """;
            var team = Parameter(command, "@team", DbType.Int32);
            team.Value = teamId;
            var id = Parameter(command, "@id", DbType.Int32);
            id.Value = savedMeetingId;
            command.Parameters.Add(team);
            command.Parameters.Add(id);
            List<int> inPlay = [];
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(1) != nameof(MeetingStatus.Locked))
                {
                    inPlay.Add(reader.GetInt32(0));
                }
            }

            return inPlay;
        }

        public void DeleteDrops(int worksheetId, HashSet<int> customers) => ReadIds(_deleteDrops, worksheetId, customers);

        private static void ReadIds(DbCommand command, int id, HashSet<int> into)
        {
            command.Parameters[0].Value = id;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                into.Add(reader.GetInt32(0));
            }
        }

        public void InsertEntries(int worksheetId, IReadOnlyList<CleanEntry> entries, IReadOnlyDictionary<string, int> customerIds)
        {
            if (entries.Count == 0)
            {
                return;
            }

            var insert = _inserts[entries.Count] ??= PrepareInsert(entries.Count);
            var values = new object?[entries.Count * InsertedEntryColumns.Length];
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                object?[] row = [worksheetId, e.Position, customerIds[e.NormalizedName], e.Name, e.Zone.ToString(), e.AccountType.ToString(), e.Note, e.Pinched, (int)e.Causes];
                row.CopyTo(values, i * row.Length);
            }

            Execute(insert, values);
        }

        private DbCommand PrepareInsert(int rows)
        {
            var names = Enumerable.Range(0, rows).Select(r => InsertedEntryColumns.Select(c => $"@{c}{r}").ToList()).ToList();
            return Prepare(
                $"""INSERT INTO "Entries" ({string.Join(", ", InsertedEntryColumns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", names.Select(row => $"({string.Join(", ", row)})"))}""",
                [.. names.SelectMany(row => row.Zip(InsertedEntryTypes, (name, type) => (name, type)))]);
        }

        /// <summary>Each save in its own savepoint: run once per save, so prepared like the rest.</summary>
        public void BeginSave() => _savepoint.ExecuteNonQuery();

        public void KeepSave() => _release.ExecuteNonQuery();

        public void Run(string sql)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private DbCommand Prepare(string sql, params (string Name, DbType Type)[] parameters)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(Parameter(command, name, type));
            }

            command.Prepare();
            return command;
        }

        private static DbParameter Parameter(DbCommand command, string name, DbType type)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            return parameter;
        }

        private static int Execute(DbCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _bump.Dispose();
            _delete.Dispose();
            _bumpVersions.Dispose();
            _deleteDrops.Dispose();
            _savepoint.Dispose();
            _release.Dispose();
            foreach (var insert in _inserts)
            {
                insert?.Dispose();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not bring the follow-ups of meeting {MeetingId} in line with its worksheets.")]
    private static partial void LogFollowUpsFailed(ILogger logger, Exception exception, int meetingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A worksheet save to meeting {MeetingId} failed; the other saves of its batch go on.")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, int meetingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write a batch of {Count} worksheet saves.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}

/// <summary>
/// One save failed while the others of its batch went on: nothing of it was stored. <see cref="Exception.InnerException"/>
/// says why; the writer has logged it.
/// </summary>
public sealed class SaveFailedException : Exception
{
    public SaveFailedException()
        : this("The worksheet was not saved.", null)
    {
    }

    public SaveFailedException(string message)
        : this(message, null)
    {
    }

    public SaveFailedException(Exception inner)
        : this("The worksheet was not saved: " + inner.Message, inner)
    {
    }

    public SaveFailedException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
