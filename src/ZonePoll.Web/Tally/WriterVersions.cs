using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Tally;

/// <summary>
/// The version statements the worksheet writer runs inside its own transaction, prepared once per batch: a save
/// moves its meeting's tally and worksheets versions and every later meeting's tally version (their "since last time"
/// reads it), and a follow-up it opened or closed moves the whole team's.
/// </summary>
internal sealed class WriterVersions : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly DbCommand _saved;

    public WriterVersions(ZonePollDbContext db, IDbContextTransaction transaction)
    {
        (_connection, _transaction) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        _saved = Prepare(
            """
            UPDATE "Meetings" SET "TallyVersion" = "TallyVersion" + 1,
                "WorksheetsVersion" = "WorksheetsVersion" + CASE WHEN "Id" = @id THEN 1 ELSE 0 END
            WHERE "TeamId" = (SELECT "TeamId" FROM "Meetings" WHERE "Id" = @id)
              AND ("Id" = @id
                OR "Date" > (SELECT "Date" FROM "Meetings" WHERE "Id" = @id)
                OR ("Date" = (SELECT "Date" FROM "Meetings" WHERE "Id" = @id) AND "Id" > @id))
            RETURNING "Id", "Status", "FollowUpsBehind"
            """,
            "@id");
    }

    /// <summary>Worksheets of the meeting were saved. Returns whether its follow-ups are behind, and the meetings to push.</summary>
    public (bool FollowUpsBehind, List<int> InPlay) WorksheetsSaved(int meetingId)
    {
        _saved.Parameters[0].Value = meetingId;
        var behind = false;
        var inPlay = Read(_saved, (id, followUpsBehind) => behind |= id == meetingId && followUpsBehind);
        return (behind, inPlay);
    }

    /// <summary>A save opened, reopened or closed follow-ups: the team's other meetings show them too.</summary>
    public List<int> FollowUpsChanged(int teamId, int savedMeetingId)
    {
        // Rare (only a save that opened, reopened or closed a follow-up), so not prepared.
        using var command = Command(
            """UPDATE "Meetings" SET "TallyVersion" = "TallyVersion" + 1 WHERE "TeamId" = @team AND "Id" <> @id RETURNING "Id", "Status", FALSE""",
            "@team",
            "@id");
        (command.Parameters[0].Value, command.Parameters[1].Value) = (teamId, savedMeetingId);
        return Read(command, (_, _) => { });
    }

    private static List<int> Read(DbCommand command, Action<int, bool> each)
    {
        List<int> inPlay = [];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (id, locked) = (reader.GetInt32(0), reader.GetString(1) == nameof(MeetingStatus.Locked));
            each(id, reader.GetBoolean(2));
            if (!locked)
            {
                inPlay.Add(id);
            }
        }

        return inPlay;
    }

    private DbCommand Prepare(string sql, params string[] parameters)
    {
        var command = Command(sql, parameters);
        command.Prepare();
        return command;
    }

    private DbCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            // PostgreSQL prepares a statement with its parameters' types, before any value is bound.
            parameter.DbType = DbType.Int32;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public void Dispose() => _saved.Dispose();
}
