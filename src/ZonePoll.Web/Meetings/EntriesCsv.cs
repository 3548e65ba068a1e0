using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Meetings;

/// <summary>Every entry of a meeting as RFC 4180 CSV, safe to open in a spreadsheet.</summary>
public static class EntriesCsv
{
    private static readonly string[] Headings = ["Meeting", "Date", "Rep", "Customer", "Zone", "Account type", "Note", "Last saved (UTC)"];

    public sealed record Row(string Meeting, DateOnly Date, string Rep, string Customer, Zone Zone, AccountType AccountType, string? Note, DateTimeOffset SavedAt);

    public static IEndpointRouteBuilder MapEntriesCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/entries.csv", ExportAsync).WithMetadata(new ForMeetingMembersAttribute(MemberRole.Manager));
        return app;
    }

    /// <summary>
    /// RFC 4180 with CRLF, a byte-order mark so spreadsheet programs read UTF-8, and cells a spreadsheet would run as
    /// a formula (leading = + - @ tab or CR) defused with a leading apostrophe, inside the quotes when quoted.
    /// </summary>
    private static readonly CsvWriterOptions Format = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    /// <summary>One cell exactly as <see cref="Write"/> writes it.</summary>
    public static string Cell(string? value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvWriter.Create(text, Format, leaveOpen: true);
        csv.WriteField(value ?? "");
        csv.Flush();
        return text.ToString();
    }

    /// <summary>The whole file, header first, as UTF-8 with a byte-order mark.</summary>
    public static byte[] Write(IEnumerable<Row> rows)
    {
        using var file = new MemoryStream();
        using (var csv = CsvWriter.Create(file, Format, leaveOpen: true))
        {
            foreach (var heading in Headings)
            {
                csv.WriteField(heading);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                csv.WriteField(row.Meeting);
                csv.WriteField(row.Date, "yyyy-MM-dd");
                csv.WriteField(row.Rep);
                csv.WriteField(row.Customer);
                csv.WriteField(ZoneStyle.Of(row.Zone).FullName);
                csv.WriteField(row.AccountType.ToString());
                csv.WriteField(row.Note ?? "");
                csv.WriteField(row.SavedAt.UtcDateTime, "yyyy-MM-dd HH:mm:ss");
                csv.EndRecord();
            }
        }

        return file.ToArray();
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

        return Results.File(Write(rows), "text/csv; charset=utf-8", ExportFileName.For(meeting.TeamName, meeting.Date, "entries.csv"));
    }
}
