using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Worksheets;

/// <summary>
/// The worksheet's error summary from what a refused save left in ModelState: errors of the whole form first, then
/// each row's in row order and field order on screen, then the drop reasons in the order "No longer on your list"
/// shows them. Each links to the id its field has in _WorksheetRow.cshtml or Edit.cshtml.
/// </summary>
public static partial class WorksheetErrorSummary
{
    // Fields in the order a row shows them; one the rules may add later still gets a link, to the row itself.
    private static readonly string[] FieldOrder = ["Name", "Zone", "Pinch", "Causes", "AccountType", "Note"];

    public static ErrorSummary Build(ModelStateDictionary modelState, DropCheck dropping)
    {
        if (modelState.IsValid)
        {
            return ErrorSummary.None;
        }

        var formErrors = new List<ErrorSummaryItem>();
        var rowErrors = new List<(int Row, int Field, ErrorSummaryItem Item)>();
        var dropKeys = dropping.Dropped.Select((d, order) => (Key: DropCheck.Key(d.CustomerId), d.CustomerId, Order: order))
            .ToDictionary(d => d.Key, d => (d.CustomerId, d.Order), StringComparer.Ordinal);
        var dropErrors = new List<(int Order, ErrorSummaryItem Item)>();

        foreach (var (key, entry) in modelState)
        {
            foreach (var error in entry.Errors)
            {
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? "Check this field." : error.ErrorMessage;
                if (RowKey().Match(key) is { Success: true } match
                    && int.TryParse(match.Groups["row"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var row))
                {
                    var field = match.Groups["field"].Value;
                    var rank = Array.IndexOf(FieldOrder, field);
                    var text = string.Create(CultureInfo.InvariantCulture, $"Row {row + 1}: {message}");
                    rowErrors.Add((row, rank < 0 ? FieldOrder.Length : rank, new ErrorSummaryItem(text, FieldId(row, field))));
                }
                else if (dropKeys.TryGetValue(key, out var drop))
                {
                    dropErrors.Add((drop.Order, new ErrorSummaryItem(message, $"drop-{drop.CustomerId}-reason")));
                }
                else
                {
                    // The whole form's problems (changed elsewhere, locked, damaged) have no one field to go to.
                    formErrors.Add(new ErrorSummaryItem(message, null));
                }
            }
        }

        return new ErrorSummary([
            .. formErrors,
            .. rowErrors.OrderBy(e => e.Row).ThenBy(e => e.Field).Select(e => e.Item),
            .. dropErrors.OrderBy(e => e.Order).Select(e => e.Item),
        ]);
    }

    /// <summary>The id of the control a row's field error is about: for radios and checkboxes, the first of the group.</summary>
    public static string FieldId(int row, string field) => field switch
    {
        "Name" => $"row-{row}-name",
        "Zone" => $"row-{row}-zone-{ZoneStyle.All[0].Zone}",
        "Pinch" => $"row-{row}-pinch",
        "Causes" => $"row-{row}-cause-{ThreeRStyle.All[0].Cause}",
        "AccountType" => $"row-{row}-type",
        "Note" => $"row-{row}-note",
        _ => $"row-{row}",
    };

    [GeneratedRegex(@"^Rows\[(?<row>[0-9]{1,9})\]\.(?<field>[A-Za-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RowKey();
}
