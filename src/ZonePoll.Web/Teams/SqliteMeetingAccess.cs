using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Teams;

/// <summary>
/// <see cref="TeamAccess.ForMeetingAsync"/> on a SQLite file: the same lookup, on a few connections that stay open
/// with the statement kept prepared. Every meeting route pays this check and tally.json is little else; through EF
/// each call opened a pooled connection, parsed the statement anew (Microsoft.Data.Sqlite finalizes statements when
/// a connection closes) and closed it again, the app's largest cost under load. A test holds its answers equal to
/// the EF query's. PostgreSQL and in-memory databases keep the EF query.
/// </summary>
public sealed class SqliteMeetingAccess : IDisposable
{
    private const string Sql = """
        SELECT m."Title", m."Date", m."Status", m."TeamId", t."Name", tm."Role", m."TallyVersion", t."ArchivedAt" IS NOT NULL
        FROM "Meetings" AS m
        INNER JOIN "Teams" AS t ON t."Id" = m."TeamId"
        INNER JOIN "TeamMembers" AS tm ON tm."TeamId" = m."TeamId" AND tm."UserId" = $userId
        WHERE m."Id" = $meetingId
        """;

    private readonly string _connectionString;
    private readonly int _maxIdle = Environment.ProcessorCount * 4;
    private readonly ConcurrentBag<Lookup> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteMeetingAccess(string connectionString)
    {
        // The connections live as long as the app, so SQLite's pool has nothing to add, and without it disposing
        // them lets go of the file.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    public MeetingAccessResult? Find(int meetingId, string userId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var lookup))
        {
            Interlocked.Decrement(ref _idleCount);
        }
        else
        {
            lookup = new Lookup(_connectionString);
        }

        MeetingAccessResult? result;
        try
        {
            result = lookup.Run(meetingId, userId);
        }
        catch
        {
            // Whatever went wrong may have left the connection in a state nobody should inherit.
            lookup.Dispose();
            throw;
        }

        // ConcurrentBag.Count locks the whole bag; a counter of our own does not.
        if (_disposed || Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            lookup.Dispose();
        }
        else
        {
            _idle.Add(lookup);
        }

        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var lookup))
        {
            Interlocked.Decrement(ref _idleCount);
            lookup.Dispose();
        }
    }

    /// <summary>One open connection and its prepared statement; used by one caller at a time.</summary>
    private sealed class Lookup : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _meetingId;
        private readonly SqliteParameter _userId;

        public Lookup(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using (var readOnly = _connection.CreateCommand())
                {
                    // A lookup has no business writing; SQLite then refuses to.
                    readOnly.CommandText = "PRAGMA query_only = ON";
                    readOnly.ExecuteNonQuery();
                }

                _command = _connection.CreateCommand();
                _command.CommandText = Sql;
                _meetingId = _command.Parameters.Add("$meetingId", SqliteType.Integer);
                _userId = _command.Parameters.Add("$userId", SqliteType.Text);
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public MeetingAccessResult? Run(int meetingId, string userId)
        {
            _meetingId.Value = meetingId;
            _userId.Value = userId;
            // The reader's disposal resets the statement, which ends its read transaction: the next call sees every
            // commit made since, so the version it reads is never stale.
            using var reader = _command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new MeetingAccessResult(
                meetingId,
                reader.GetString(0),
                reader.GetFieldValue<DateOnly>(1),
                Enum.Parse<MeetingStatus>(reader.GetString(2)),
                reader.GetInt32(3),
                reader.GetString(4),
                Enum.Parse<TeamRole>(reader.GetString(5)),
                reader.GetInt32(6),
                reader.GetBoolean(7));
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
