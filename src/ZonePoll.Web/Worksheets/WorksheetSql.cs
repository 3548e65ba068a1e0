using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// Every statement the writer runs by hand, on its connection and inside its transaction; those every save runs are
/// prepared once per batch. Through EF each costs far more, and they run while every other save waits (the figures
/// are in bench/README.md). The model's mapping is repeated by hand: Zone and AccountType as names, Causes as its
/// bits, UpdatedAt as DateTimeOffset binary; <c>WorksheetSqlTests</c> writes every column through here and reads
/// it back through EF on both databases. Plain SQL that SQLite and PostgreSQL both take, with @-named parameters.
/// </summary>
internal sealed class WorksheetSql : IDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter Timestamp = new();

    /// <summary>
    /// The columns every save inserts, in the order <see cref="InsertEntries"/> passes their values; a test holds
    /// this list to the EF model, so a new column on <see cref="Entry"/> cannot be forgotten here.
    /// </summary>
    internal static readonly string[] InsertedEntryColumns =
        ["WorksheetId", "Position", "CustomerId", "CustomerName", "Zone", "AccountType", "Note", "Pinched", "Causes"];

    // PostgreSQL prepares a statement with its parameters' types, before any value is bound.
    private static readonly DbType[] InsertedEntryTypes =
        [DbType.Int32, DbType.Int32, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Boolean, DbType.Int32];

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly DbCommand _bump;
    private readonly DbCommand _delete;
    private readonly DbCommand _deleteDrops;
    private readonly DbCommand _savepoint;
    private readonly DbCommand _releaseAndBegin;

    // A kept save's savepoint is released with the next save's begin, one round trip fewer a save: committing with it
    // still open commits it, and any later savepoint (the follow-ups') nests in it harmlessly.
    private bool _keptOpen;

    // One multi-row insert per save, prepared for each row count as it comes up: on PostgreSQL each statement is
    // a round trip while the team's lock is held, and ten of them were most of a save's round trips.
    private readonly DbCommand?[] _inserts = new DbCommand?[Worksheet.MaxEntries + 1];

    // For the same reason, on PostgreSQL a saved list's bump, deletes and insert go as one batch, by row count.
    private readonly DbBatch?[] _replaces = new DbBatch?[Worksheet.MaxEntries + 1];

    public WorksheetSql(ZonePollDbContext db, IDbContextTransaction transaction)
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
        _deleteDrops = Prepare("""DELETE FROM "Drops" WHERE "WorksheetId" = @id RETURNING "CustomerId" """, ("@id", DbType.Int32));
        _savepoint = Prepare("SAVEPOINT save");
        _releaseAndBegin = Prepare("RELEASE save; SAVEPOINT save");
    }

    /// <summary>
    /// Each save in its own savepoint: run once per save, so prepared like the rest. Releases the last kept save's
    /// savepoint in the same statement.
    /// </summary>
    public void BeginSave()
    {
        (_keptOpen ? _releaseAndBegin : _savepoint).ExecuteNonQuery();
        _keptOpen = false;
    }

    /// <summary>The save stands; its savepoint is released by the next <see cref="BeginSave"/> or the commit.</summary>
    public void KeepSave() => _keptOpen = true;

    /// <summary>Undoes the save so far and keeps its savepoint: after a failed statement PostgreSQL takes nothing else.</summary>
    public void UndoSave() => Run("ROLLBACK TO save");

    public void Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Moves the worksheet on from <paramref name="version"/> if that is still its version and the meeting is open:
    /// both checks and the write in one statement. Returns the rows changed, 0 when either check failed.
    /// </summary>
    public int BumpVersion(int worksheetId, int version, int meetingId, DateTimeOffset now)
    {
        Bind(_bump.Parameters, BumpValues(worksheetId, version, meetingId, now));
        return _bump.ExecuteNonQuery();
    }

    /// <summary>Deletes the worksheet's entries, adding their customers to <paramref name="customers"/>.</summary>
    public void DeleteEntries(int worksheetId, HashSet<int> customers) => ReadIds(_delete, worksheetId, customers);

    /// <summary>Deletes the worksheet's drop reasons, adding their customers to <paramref name="customers"/>.</summary>
    public void DeleteDrops(int worksheetId, HashSet<int> customers) => ReadIds(_deleteDrops, worksheetId, customers);

    public void InsertEntries(int worksheetId, IReadOnlyList<CleanEntry> entries, IReadOnlyDictionary<string, int> customerIds)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var insert = _inserts[entries.Count] ??= PrepareInsert(entries.Count);
        Bind(insert.Parameters, EntryValues(worksheetId, entries, customerIds));
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// A save of a list the worksheet already has: <see cref="BumpVersion"/>, then <see cref="DeleteEntries"/>,
    /// <see cref="DeleteDrops"/> (their customers into <paramref name="touched"/>) and <see cref="InsertEntries"/>.
    /// Returns the bump's rows changed. On 0 the caller rolls the save's savepoint back, and <paramref name="touched"/>
    /// counts for nothing: on PostgreSQL the statements go as one batch (one round trip under the team's lock), so the
    /// others ran too, and an error in any of them leaves the transaction unusable until that rollback.
    /// </summary>
    public int ReplaceList(
        int worksheetId,
        int version,
        int meetingId,
        DateTimeOffset now,
        IReadOnlyList<CleanEntry> entries,
        IReadOnlyDictionary<string, int> customerIds,
        HashSet<int> touched)
    {
        if (!_connection.CanCreateBatch)
        {
            if (BumpVersion(worksheetId, version, meetingId, now) == 0)
            {
                return 0;
            }

            DeleteEntries(worksheetId, touched);
            DeleteDrops(worksheetId, touched);
            InsertEntries(worksheetId, entries, customerIds);
            return 1;
        }

        var batch = _replaces[entries.Count] ??= PrepareReplace(entries.Count);
        var commands = batch.BatchCommands;
        Bind(commands[0].Parameters, BumpValues(worksheetId, version, meetingId, now));
        commands[1].Parameters[0].Value = worksheetId;
        commands[2].Parameters[0].Value = worksheetId;
        if (entries.Count > 0)
        {
            Bind(commands[3].Parameters, EntryValues(worksheetId, entries, customerIds));
        }

        using (var reader = batch.ExecuteReader())
        {
            // Both deletes return a customer id per row; the bump and the insert return no rows.
            do
            {
                while (reader.Read())
                {
                    touched.Add(reader.GetInt32(0));
                }
            }
            while (reader.NextResult());
        }

        return commands[0].RecordsAffected;
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

    private static void ReadIds(DbCommand command, int id, HashSet<int> into)
    {
        command.Parameters[0].Value = id;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(reader.GetInt32(0));
        }
    }

    /// <summary>The bump's parameters, in the order its statement names them.</summary>
    private static object?[] BumpValues(int worksheetId, int version, int meetingId, DateTimeOffset now) =>
        [Timestamp.ConvertToProvider(now), worksheetId, version, meetingId];

    private static object?[] EntryValues(int worksheetId, IReadOnlyList<CleanEntry> entries, IReadOnlyDictionary<string, int> customerIds)
    {
        var values = new object?[entries.Count * InsertedEntryColumns.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            object?[] row =
                [worksheetId, e.Position, customerIds[e.NormalizedName], e.Name, e.Zone.ToString(), e.AccountType.ToString(), e.Note, e.Pinched, (int)e.Causes];
            row.CopyTo(values, i * row.Length);
        }

        return values;
    }

    private static (string Sql, (string Name, DbType Type)[] Parameters) InsertSql(int rows)
    {
        var names = Enumerable.Range(0, rows).Select(r => InsertedEntryColumns.Select(c => $"@{c}{r}").ToList()).ToList();
        var columns = string.Join(", ", InsertedEntryColumns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", names.Select(row => $"({string.Join(", ", row)})"));
        (string, DbType)[] parameters = [.. names.SelectMany(row => row.Zip(InsertedEntryTypes, (name, type) => (name, type)))];
        return ($"""INSERT INTO "Entries" ({columns}) VALUES {values}""", parameters);
    }

    private DbCommand PrepareInsert(int rows)
    {
        var (sql, parameters) = InsertSql(rows);
        return Prepare(sql, parameters);
    }

    /// <summary>The single commands' statements and parameters, with the insert for <paramref name="rows"/> rows when there are any.</summary>
    private DbBatch PrepareReplace(int rows)
    {
        var batch = _connection.CreateBatch();
        try
        {
            batch.Transaction = _transaction;
            List<DbCommand> statements = [_bump, _delete, _deleteDrops];
            foreach (var statement in statements)
            {
                Add(batch, statement.CommandText, [.. statement.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.DbType))]);
            }

            if (rows > 0)
            {
                var (sql, parameters) = InsertSql(rows);
                Add(batch, sql, parameters);
            }

            batch.Prepare();
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        static void Add(DbBatch batch, string sql, (string Name, DbType Type)[] parameters)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.DbType) = (name, type);
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }
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

    private static void Bind(DbParameterCollection parameters, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose()
    {
        _bump.Dispose();
        _delete.Dispose();
        _deleteDrops.Dispose();
        _savepoint.Dispose();
        _releaseAndBegin.Dispose();
        foreach (var insert in _inserts)
        {
            insert?.Dispose();
        }

        foreach (var replace in _replaces)
        {
            replace?.Dispose();
        }
    }
}
