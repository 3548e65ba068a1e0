using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Meetings;

/// <summary>Every entry of a meeting as RFC 4180 CSV, safe to open in a spreadsheet.</summary>
public static class EntriesCsv
{
    public const string Header = "Meeting,Date,Rep,Customer,Zone,Account type,Note,Last saved (UTC)";

    public sealed record Row(string Meeting, DateOnly Date, string Rep, string Customer, Zone Zone, AccountType AccountType, string? Note, DateTimeOffset SavedAt);

    public static IEndpointRouteBuilder MapEntriesCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/entries.csv", ExportAsync).WithMetadata(new ForMeetingMembersAttribute(MemberRole.Manager));
        return app;
    }

    /// <summary>
    /// Quotes a cell when it needs it, and defuses cells a spreadsheet would run as a formula
    /// (leading = + - @ tab or CR) with a leading apostrophe.
    /// </summary>
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public static string Write(IEnumerable<Row> rows)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',',
                    Cell(row.Meeting),
                    row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Cell(row.Rep),
                    Cell(row.Customer),
                    ZoneStyle.Of(row.Zone).FullName,
                    row.AccountType.ToString(),
                    Cell(row.Note),
                    row.SavedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    private static async Task<IResult> ExportAsync(int id, HttpContext context, ZonePollDbContext db, CancellationToken cancellationToken)
    {
        var meeting = context.Meeting();
        var entries = await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == id)
            .SelectMany(w => w.Entries, (w, e) => new { Rep = w.Rep!.DisplayName, w.UpdatedAt, e.Position, e.CustomerName, e.Zone, e.AccountType, e.Note })
            .OrderBy(e => e.Rep).ThenBy(e => e.Position)
            .ToListAsync(cancellationToken);
        var rows = entries.Select(e => new Row(meeting.Title, meeting.Date, e.Rep, e.CustomerName, e.Zone, e.AccountType, e.Note, e.UpdatedAt));

        // The byte-order mark tells spreadsheet programs the file is UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Write(rows))).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", ExportFileName.For(meeting.TeamName, meeting.Date, "entries.csv"));
    }
}
