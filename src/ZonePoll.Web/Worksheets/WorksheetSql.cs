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
    private readonly DbCommand _release;

    // One multi-row insert per save, prepared for each row count as it comes up: on PostgreSQL each statement is
    // a round trip while the team's lock is held, and ten of them were most of a save's round trips.
    private readonly DbCommand?[] _inserts = new DbCommand?[Worksheet.MaxEntries + 1];

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
        _release = Prepare("RELEASE save");
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

    /// <summary>
    /// Moves the worksheet on from <paramref name="version"/> if that is still its version and the meeting is open:
    /// both checks and the write in one statement. Returns the rows changed, 0 when either check failed.
    /// </summary>
    public int BumpVersion(int worksheetId, int version, int meetingId, DateTimeOffset now) =>
        Execute(_bump, Timestamp.ConvertToProvider(now), worksheetId, version, meetingId);

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
        var values = new object?[entries.Count * InsertedEntryColumns.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            object?[] row =
                [worksheetId, e.Position, customerIds[e.NormalizedName], e.Name, e.Zone.ToString(), e.AccountType.ToString(), e.Note, e.Pinched, (int)e.Causes];
            row.CopyTo(values, i * row.Length);
        }

        Execute(insert, values);
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

    private DbCommand PrepareInsert(int rows)
    {
        var names = Enumerable.Range(0, rows).Select(r => InsertedEntryColumns.Select(c => $"@{c}{r}").ToList()).ToList();
        var columns = string.Join(", ", InsertedEntryColumns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", names.Select(row => $"({string.Join(", ", row)})"));
        return Prepare(
            $"""INSERT INTO "Entries" ({columns}) VALUES {values}""",
            [.. names.SelectMany(row => row.Zip(InsertedEntryTypes, (name, type) => (name, type)))]);
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
        _deleteDrops.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        foreach (var insert in _inserts)
        {
            insert?.Dispose();
        }
    }
}
