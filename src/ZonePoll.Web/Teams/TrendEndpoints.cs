using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Teams;

/// <summary>Loads a team's meetings, entries and drops as three flat lists for <see cref="TrendBuilder"/>.</summary>
public sealed class TrendQuery(ZonePollDbContext db)
{
    // A long history is tens of thousands of entries, and EF's per-row materialising (and its string-to-enum
    // conversion) was half the trend's time; this one read goes straight through the reader, over a covering index.
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

public static class TrendEndpoints
{
    private static readonly string[] Headings =
        ["Meeting", "Date", "Customers", "Recovery", "Expectations", "Surprises", "Recovery %", "Expectations %", "Surprises %", "Out of Recovery", "Lost", "Customers before", "Churn %"];

    public static IEndpointRouteBuilder MapTeamTrend(this IEndpointRouteBuilder app)
    {
        // The trend holds team totals only; reps get them for revealed meetings, as tally.json gives them.
        app.MapGet("/teams/{teamId:int}/trend.json", GetJsonAsync).WithMetadata(new ForTeamMembersAttribute());
        app.MapGet("/teams/{teamId:int}/trend.csv", GetCsvAsync).WithMetadata(new ForTeamMembersAttribute(MemberRole.Manager));
        return app;
    }

    private static async Task<IResult> GetJsonAsync(HttpContext context, TrendQuery query, CancellationToken cancellationToken)
    {
        var team = context.Team();
        var trend = await query.LoadAsync(team.TeamId, team.TeamName, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(team.IsManager ? trend : trend.ForRep());
    }

    private static async Task<IResult> GetCsvAsync(HttpContext context, TrendQuery query, TimeProvider clock, CancellationToken cancellationToken)
    {
        var team = context.Team();
        var trend = await query.LoadAsync(team.TeamId, team.TeamName, cancellationToken);
        var file = CsvExport.Write(Headings, csv =>
        {
            foreach (var point in trend.Meetings)
            {
                csv.WriteField(point.Title);
                csv.WriteField(point.Date, "yyyy-MM-dd");
                csv.WriteField(point.Customers);
                csv.WriteField(point.Recovery);
                csv.WriteField(point.Expectations);
                csv.WriteField(point.Surprises);
                csv.WriteField(point.RecoveryPercent);
                csv.WriteField(point.ExpectationsPercent);
                csv.WriteField(point.SurprisesPercent);
                csv.WriteField(point.OutOfRecovery);
                csv.WriteField(point.Lost);
                csv.WriteField(point.Base);
                csv.WriteField(point.ChurnRate is { } rate ? (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) : "");
                csv.EndRecord();
            }
        });
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Results.File(file, "text/csv; charset=utf-8", ExportFileName.For(team.TeamName, today, "trend.csv"));
    }
}
