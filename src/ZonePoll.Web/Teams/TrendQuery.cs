using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Teams;

/// <summary>Loads a team's meetings, entries and drops as three flat lists for <see cref="TrendBuilder"/>.</summary>
public sealed class TrendQuery(ZonePollDbContext db)
{
    // A long history is tens of thousands of entries, and EF's per-row materialising (and its string-to-enum
    // conversion) dominated the trend's time; this one read goes straight through the reader, over a covering index.
    private static readonly string EntriesSql = $"""
        SELECT w."MeetingId", e."CustomerId",
               CASE e."Zone" {string.Join(" ", Enum.GetValues<Zone>().Select(z => $"WHEN '{z}' THEN {(int)z}"))} END
        FROM "Entries" AS e
        JOIN "Worksheets" AS w ON w."Id" = e."WorksheetId"
        JOIN "Meetings" AS m ON m."Id" = w."MeetingId"
        WHERE m."TeamId" = @teamId
        """;

    public async Task<TeamTrend> LoadAsync(int teamId, string teamName, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Select(m => new TrendMeeting(m.Id, m.Title, m.Date, m.ResultsRevealed))
            .ToListAsync(cancellationToken);
        var entries = await ReadEntriesAsync(teamId, cancellationToken);
        var drops = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == teamId)
            .SelectMany(w => w.Drops, (w, d) => new TrendDrop(w.MeetingId, d.CustomerId, d.Reason))
            .ToListAsync(cancellationToken);
        return TrendBuilder.Build(teamId, teamName, meetings, entries, drops);
    }

    private async Task<List<TrendEntry>> ReadEntriesAsync(int teamId, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = EntriesSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@teamId";
        parameter.Value = teamId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<TrendEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TrendEntry(reader.GetInt32(0), reader.GetInt32(1), (Zone)reader.GetInt32(2)));
        }

        return entries;
    }
}
