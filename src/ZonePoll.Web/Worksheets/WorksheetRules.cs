using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// The worksheet's rules, pure: each error names its row and field, so the page can show it beside that row.
/// </summary>
public static class WorksheetRules
{
    public static WorksheetCheck Check(IReadOnlyList<WorksheetRow?> rows)
    {
        var errors = new List<RowError>();
        var notes = new List<RowError>();
        var entries = new List<CleanEntry>();
        var onList = new HashSet<string>(StringComparer.Ordinal);
        var firstRowByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var formError = rows.Count > Worksheet.MaxEntries ? $"A worksheet holds at most {Worksheet.MaxEntries} customers." : null;

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? new WorksheetRow();
            var name = row.Name?.Trim() ?? "";
            var note = CleanNote(row.Note);
            var rowErrorCount = errors.Count;

            if (note is not null && note.Length > Entry.NoteMaxLength)
            {
                errors.Add(new(i, "Note", LengthLimitAttribute.Message("the note", Entry.NoteMaxLength, note.Length)));
            }
            else if (note is not null && TextRules.Problem(note, TextKind.Multiline) is { } noteProblem)
            {
                errors.Add(new(i, "Note", $"The note {noteProblem}; type it again without one."));
            }

            if (name.Length > Customer.NameMaxLength)
            {
                errors.Add(new(i, "Name", LengthLimitAttribute.Message("the name", Customer.NameMaxLength, name.Length)));
                continue;
            }

            if (TextRules.Problem(name, TextKind.Name) is { } nameProblem)
            {
                errors.Add(new(i, "Name", $"The name {nameProblem}; type it again without one."));
                continue;
            }

            if (TextRules.IsBlank(name))
            {
                // A zone alone counts as blank: a browser cannot untick a radio button to clear a row. It may as well be a
                // customer whose name was forgotten, so the row says what became of its ticks.
                if (note is not null && errors.Count == rowErrorCount)
                {
                    errors.Add(new(i, "Name", "Add the customer's name, or clear the note to leave this row empty."));
                }
                else if (errors.Count == rowErrorCount && HasTicks(row))
                {
                    notes.Add(new(i, BlankRowTicks, "This row has no customer's name, so its zone and ticks were cleared and it stays empty. "
                        + "To add the customer, type their name and choose again."));
                }

                continue;
            }

            if (!EnumNames.TryParse<Zone>(row.Zone, out var zone))
            {
                errors.Add(new(i, "Zone", $"Choose a zone for {Shorten(name)}."));
            }

            var accountType = AccountType.Standard;
            if (!string.IsNullOrEmpty(row.AccountType) && !EnumNames.TryParse(row.AccountType, out accountType))
            {
                errors.Add(new(i, "AccountType", "Choose Key, Growth, New or Standard."));
            }

            var zoneKnown = !errors.Any(e => e.Row == i && e.Field == "Zone");
            var pinched = row.Pinch == "true";
            if (row.Pinch is { Length: > 0 } and not ("true" or "false"))
            {
                errors.Add(new(i, "Pinch", "Tick or clear \"feeling a pinch\"."));
            }
            else if (pinched && zoneKnown && zone != Zone.Expectations)
            {
                // Moving a customer out of Expectations is the rep's call; the pinch simply no longer applies.
                pinched = false;
                notes.Add(new(i, "Pinch", $"\"{Pinch.Label}\" was cleared: it applies only in {ZoneStyle.Of(Zone.Expectations).FullName}."));
            }

            var causes = ThreeRs.None;
            foreach (var cause in row.Causes ?? [])
            {
                if (!EnumNames.TryParse<ThreeRs>(cause, out var one) || one == ThreeRs.None)
                {
                    errors.Add(new(i, "Causes", "Choose Responsiveness, Respect or Reliability."));
                    break;
                }

                causes |= one;
            }

            if (causes != ThreeRs.None && zoneKnown && zone == Zone.Surprises && !errors.Any(e => e.Row == i && e.Field == "Causes"))
            {
                // A customer moved up to Surprises no longer falls short: the ticks go, the move stands.
                var cleared = ThreeRStyle.Split(causes).Select(c => c.ToString()).ToList();
                var named = cleared.Count == 1 ? $"{cleared[0]} was" : $"{string.Join(", ", cleared[..^1])} and {cleared[^1]} were";
                causes = ThreeRs.None;
                notes.Add(new(i, "Causes", $"{named} cleared: the Three R's say what fell short, so they belong to Recovery and Expectations."));
            }

            var normalized = Customer.Normalize(name);
            onList.Add(normalized);
            if (firstRowByName.TryGetValue(normalized, out var firstRow))
            {
                errors.Add(new(i, "Name", $"{Shorten(name)} is already on row {firstRow + 1}; each customer goes on one row."));
                continue;
            }

            firstRowByName[normalized] = i;
            if (errors.Count == rowErrorCount && i < Worksheet.MaxEntries)
            {
                entries.Add(new CleanEntry(i, name, normalized, zone, accountType, note, pinched, causes));
            }
        }

        return new WorksheetCheck(entries, errors, formError, notes, onList);
    }

    /// <summary>The field a note names when a row without a name had a zone, pinch or Three R's ticked.</summary>
    public const string BlankRowTicks = "Zone";

    private static bool HasTicks(WorksheetRow row) =>
        !string.IsNullOrEmpty(row.Zone) || row.Pinch == "true" || row.Causes?.Any(c => !string.IsNullOrWhiteSpace(c)) == true;

    // Browsers send textarea line breaks as CRLF but count them as one character in maxlength.
    private static string? CleanNote(string? note)
    {
        var cleaned = note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned;
    }

    // Cut at a word's end, the space goes: "change in …." read as a stray gap in the error summary on a phone.
    private static string Shorten(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 39).TrimEnd(), "…");
}
