using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// The worksheet's rules, pure: each error names the field it belongs to (<c>Rows[3].Zone</c>),
/// so the page can show it beside that row.
/// </summary>
public static class WorksheetRules
{
    public static WorksheetCheck Check(IReadOnlyList<WorksheetRow> rows)
    {
        var errors = new List<RowError>();
        var entries = new List<CleanEntry>();
        var firstRowByName = new Dictionary<string, int>(StringComparer.Ordinal);
        string? formError = null;

        if (rows.Count > Worksheet.MaxEntries)
        {
            formError = $"A worksheet holds at most {Worksheet.MaxEntries} customers.";
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"Rows[{i}]";
            var name = row.Name?.Trim() ?? "";
            var note = CleanNote(row.Note);

            if (name.Length == 0)
            {
                if (note is not null)
                {
                    errors.Add(new($"{field}.Name", "Add the customer's name, or clear the note to leave this row empty."));
                }

                continue;
            }

            var rowErrorCount = errors.Count;
            if (name.Length > Customer.NameMaxLength)
            {
                errors.Add(new($"{field}.Name", $"Keep the name to {Customer.NameMaxLength} characters (this one has {name.Length})."));
            }
            else if (name.Any(char.IsControl))
            {
                errors.Add(new($"{field}.Name", "The name contains a control character (such as a tab); type it again without one."));
            }

            if (note is not null && note.Length > Entry.NoteMaxLength)
            {
                errors.Add(new($"{field}.Note", $"Keep the note to {Entry.NoteMaxLength} characters (this one has {note.Length})."));
            }
            else if (note is not null && note.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                errors.Add(new($"{field}.Note", "The note contains a control character; type it again without one."));
            }

            if (row.Zone is null || !Enum.IsDefined(row.Zone.Value))
            {
                errors.Add(new($"{field}.Zone", $"Choose a zone for {Shorten(name)}."));
            }

            if (!Enum.IsDefined(row.AccountType))
            {
                errors.Add(new($"{field}.AccountType", "Choose Key, Growth, New or Standard."));
            }

            var normalized = Customer.Normalize(name);
            if (firstRowByName.TryGetValue(normalized, out var firstRow))
            {
                errors.Add(new($"{field}.Name", $"{Shorten(name)} is already on row {firstRow + 1}; each customer goes on one row."));
                continue;
            }

            firstRowByName[normalized] = i;
            if (errors.Count == rowErrorCount && i < Worksheet.MaxEntries)
            {
                entries.Add(new CleanEntry(i, name, normalized, row.Zone!.Value, row.AccountType, note));
            }
        }

        return new WorksheetCheck(entries, errors, formError);
    }

    // Browsers send textarea line breaks as CRLF but count them as one character in maxlength.
    private static string? CleanNote(string? note)
    {
        var cleaned = note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned;
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 39), "…");
}
