using System.Globalization;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Worksheets;

/// <summary>Row notes carried through the redirect after a save, so the saved page says which ticks it dropped.</summary>
public static class RowNotes
{
    public const string Key = "WorksheetRowNotes";

    public static string Write(IEnumerable<RowError> notes) =>
        string.Join('\n', notes.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Row}\t{n.Field}\t{n.Message.ReplaceLineEndings(" ")}")));

    /// <summary>Notes as written by <see cref="Write"/>; anything else (a stale or tampered cookie) reads as none.</summary>
    public static IReadOnlyList<RowError> Read(string? text)
    {
        var notes = new List<RowError>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', 3);
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < Worksheet.MaxEntries)
            {
                notes.Add(new RowError(row, parts[1], parts[2]));
            }
        }

        return notes;
    }
}
