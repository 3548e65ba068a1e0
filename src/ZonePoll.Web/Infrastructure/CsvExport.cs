using System.Globalization;
using CsvHelper;

namespace ZonePoll.Web.Infrastructure;

/// <summary>How every CSV download is written, so they all open the same way in a spreadsheet.</summary>
public static class CsvExport
{
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

    /// <summary>The whole file, the headings first, as UTF-8 with a byte-order mark; <paramref name="writeRows"/> ends each row.</summary>
    public static byte[] Write(IReadOnlyList<string> headings, Action<CsvWriter> writeRows)
    {
        using var file = new MemoryStream();
        using (var csv = CsvWriter.Create(file, Format, leaveOpen: true))
        {
            foreach (var heading in headings)
            {
                csv.WriteField(heading);
            }

            csv.EndRecord();
            writeRows(csv);
        }

        return file.ToArray();
    }
}
