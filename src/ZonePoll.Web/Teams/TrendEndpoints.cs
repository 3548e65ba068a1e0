using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Teams;

/// <summary>Loads a team's meetings, entries and drops as three flat lists for <see cref="TrendBuilder"/>.</summary>
public sealed class TrendQuery(ZonePollDbContext db)
{
    public async Task<TeamTrend> LoadAsync(int teamId, string teamName, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Select(m => new TrendMeeting(m.Id, m.Title, m.Date))
            .ToListAsync(cancellationToken);
        var entries = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == teamId)
            .SelectMany(w => w.Entries, (w, e) => new TrendEntry(w.MeetingId, e.CustomerId, e.Zone))
            .ToListAsync(cancellationToken);
        var drops = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == teamId)
            .SelectMany(w => w.Drops, (w, d) => new TrendDrop(w.MeetingId, d.CustomerId, d.Reason))
            .ToListAsync(cancellationToken);
        return TrendBuilder.Build(teamId, teamName, meetings, entries, drops);
    }
}

public static class TrendEndpoints
{
    private static readonly string[] Headings =
        ["Meeting", "Date", "Customers", "Recovery", "Expectations", "Surprises", "Recovery %", "Expectations %", "Surprises %", "Out of Recovery", "Lost", "Customers before", "Churn %"];

    public static IEndpointRouteBuilder MapTeamTrend(this IEndpointRouteBuilder app)
    {
        // The trend holds team totals only, so reps get the same numbers as managers.
        app.MapGet("/teams/{teamId:int}/trend.json", GetJsonAsync).WithMetadata(new ForTeamMembersAttribute());
        app.MapGet("/teams/{teamId:int}/trend.csv", GetCsvAsync).WithMetadata(new ForTeamMembersAttribute(MemberRole.Manager));
        return app;
    }

    private static async Task<IResult> GetJsonAsync(int teamId, HttpContext context, TrendQuery query, CancellationToken cancellationToken)
    {
        var trend = await query.LoadAsync(teamId, context.Team().TeamName, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(trend);
    }

    private static async Task<IResult> GetCsvAsync(int teamId, HttpContext context, TrendQuery query, TimeProvider clock, CancellationToken cancellationToken)
    {
        var team = context.Team();
        var trend = await query.LoadAsync(teamId, team.TeamName, cancellationToken);
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
