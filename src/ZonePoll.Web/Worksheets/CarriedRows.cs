using System.Globalization;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// Pure: what a row carried forward from the previous worksheet may keep once its name changes. A row posts the id of
/// the customer whose details it was filled with (<see cref="WorksheetRow.Carried"/>); when its name no longer names
/// that customer, the rep typed a new customer over an old one (or cleared it), and whatever still equals the old
/// customer's zone, ticks and note was inherited, not chosen: it is cleared, so no new customer starts as someone
/// else's Recovery case. What the rep changed stays. In a browser with script the page clears these as the name
/// changes and posts no carried id; this is the same rule for a form posted without script.
/// </summary>
public static class CarriedRows
{
    /// <summary>The carried customer a row's posted id names, if it is one of the previous worksheet's.</summary>
    public static CarriedEntry? CarriedBy(WorksheetRow row, PreviousWorksheet? previous) =>
        previous is not null && int.TryParse(row.Carried, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? previous.Find(id) : null;

    /// <summary>The normalised name typed on the row, or null when it is blank or unusable.</summary>
    public static string? NormalizedName(WorksheetRow row) =>
        row.Name?.Trim() is { Length: > 0 and <= Customer.NameMaxLength } name && TextRules.Problem(name, TextKind.Name) is null && !TextRules.IsBlank(name)
            ? Customer.Normalize(name)
            : null;

    /// <summary>
    /// Clears what replaced rows inherited, in place, and says so at each such row (field <c>Name</c>). Every row's
    /// carried id is then dropped: the page marks rows again from the names they now hold.
    /// </summary>
    public static IReadOnlyList<RowError> ForgetReplaced(IReadOnlyList<WorksheetRow> rows, PreviousWorksheet? previous)
    {
        var notes = new List<RowError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var carried = CarriedBy(row, previous);
            row.Carried = null;
            if (carried is null || NormalizedName(row) == carried.NormalizedName)
            {
                continue;
            }

            var cleared = false;
            if (row.Zone == carried.Zone.ToString())
            {
                (row.Zone, cleared) = (null, true);
            }

            if (row.Note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() is { Length: > 0 } note && note == carried.Note)
            {
                (row.Note, cleared) = (null, true);
            }

            if (row.IsPinched && carried.Pinched)
            {
                (row.Pinch, cleared) = (null, true);
            }

            var causes = ThreeRStyle.Split(carried.Causes).Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);
            if (causes.Count > 0 && row.Causes.Count == causes.Count && row.Causes.All(c => c is not null && causes.Contains(c)))
            {
                (row.Causes, cleared) = ([], true);
            }

            if (cleared && NormalizedName(row) is not null)
            {
                notes.Add(new(
                    i,
                    "Name",
                    $"A new customer in place of {carried.Name}: the zone, ticks and note that were {carried.Name}'s were cleared. "
                        + $"{carried.Name} is under \"No longer on your list\"."));
            }
        }

        return notes;
    }
}
