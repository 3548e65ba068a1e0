using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Meetings;

/// <summary>Every entry of a meeting as RFC 4180 CSV, safe to open in a spreadsheet.</summary>
public static class EntriesCsv
{
    private static readonly string[] Headings =
        ["Meeting", "Date", "Rep", "Customer", "Zone", "Account type", "Note", "Feeling a pinch", "Three R's", "Last saved (UTC)"];

    public sealed record Row(
        string Meeting,
        DateOnly Date,
        string Rep,
        string Customer,
        Zone Zone,
        AccountType AccountType,
        string? Note,
        DateTimeOffset SavedAt,
        bool Pinched = false,
        ThreeRs Causes = ThreeRs.None);

    public static IEndpointRouteBuilder MapEntriesCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/entries.csv", ExportAsync).WithMetadata(new ForMeetingMembersAttribute(MemberRole.Manager));
        return app;
    }

    /// <summary>The whole file, header first, as UTF-8 with a byte-order mark.</summary>
    public static byte[] Write(IEnumerable<Row> rows) => CsvExport.Write(Headings, csv =>
    {
        foreach (var row in rows)
        {
            csv.WriteField(row.Meeting);
            csv.WriteField(row.Date, "yyyy-MM-dd");
            csv.WriteField(row.Rep);
            csv.WriteField(row.Customer);
            csv.WriteField(ZoneStyle.Of(row.Zone).FullName);
            csv.WriteField(row.AccountType.ToString());
            csv.WriteField(row.Note ?? "");
            csv.WriteField(row.Pinched ? "yes" : "");
            csv.WriteField(string.Join("; ", ThreeRStyle.Split(row.Causes)));
            csv.WriteField(row.SavedAt.UtcDateTime, "yyyy-MM-dd HH:mm:ss");
            csv.EndRecord();
        }
    });

    private static async Task<IResult> ExportAsync(HttpContext context, ZonePollDbContext db, CancellationToken cancellationToken)
    {
        var meeting = context.Meeting();
        var entries = await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == meeting.MeetingId)
            .SelectMany(
                w => w.Entries,
                (w, e) => new { Rep = w.Rep!.DisplayName, w.UpdatedAt, e.Position, e.CustomerName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes })
            .OrderBy(e => e.Rep).ThenBy(e => e.Position)
            .ToListAsync(cancellationToken);
        var rows = entries.Select(e =>
            new Row(meeting.Title, meeting.Date, e.Rep, e.CustomerName, e.Zone, e.AccountType, e.Note, e.UpdatedAt, e.Pinched, e.Causes));

        return Results.File(Write(rows), "text/csv; charset=utf-8", ExportFileName.For(meeting.TeamName, meeting.Date, "entries.csv"));
    }
}
