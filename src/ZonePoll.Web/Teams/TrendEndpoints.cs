using System.Globalization;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Teams;

public static class TrendEndpoints
{
    private static readonly string[] Headings =
    [
        "Meeting", "Date", "Customers", "Recovery", "Expectations", "Surprises", "Recovery %", "Expectations %", "Surprises %",
        "Out of Recovery", "Lost", "Customers before", "Churn %",
    ];

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
