using System.Net;

namespace ZonePoll.Tests.Infrastructure;

public static class WorksheetFiller
{
    /// <summary>Saves a rep's worksheet through the real page: each row is (customer, zone, account type, note).</summary>
    public static async Task SaveWorksheetAsync(this HttpClient rep, int meetingId, params (string Name, string Zone, string Type, string? Note)[] rows)
    {
        var page = await rep.GetDocumentAsync($"/meetings/{meetingId}/worksheet");
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < 10; i++)
        {
            var row = i < rows.Length ? rows[i] : (Name: "", Zone: "", Type: "Standard", Note: (string?)null);
            values[$"Rows[{i}].Name"] = row.Name;
            values[$"Rows[{i}].Zone"] = row.Zone.Length == 0 ? null : row.Zone;
            values[$"Rows[{i}].AccountType"] = row.Type;
            values[$"Rows[{i}].Note"] = row.Note ?? "";
            // Exactly these rows: no pinch or Three R's left ticked from what was saved before.
            values[$"Rows[{i}].Pinch"] = null;
            values[$"Rows[{i}].Causes"] = null;
            // Nor a carried customer's id: these rows are typed afresh, not edits of last time's.
            values[$"Rows[{i}].Carried"] = null;
        }

        using var response = await rep.SubmitAsync(page.Form(), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Saves a new meeting's worksheet as carried forward from the rep's previous one, with <paramref name="changes"/>
    /// applied and the customer on row <paramref name="droppedRow"/> taken off the list for <paramref name="reason"/>.
    /// </summary>
    public static async Task SaveCarriedForwardAsync(
        this HttpClient rep, int meetingId, int droppedRow, int droppedCustomerId, string reason, IReadOnlyDictionary<string, string?>? changes = null)
    {
        var page = await rep.GetDocumentAsync($"/meetings/{meetingId}/worksheet");
        var values = new Dictionary<string, string?>(changes ?? new Dictionary<string, string?>())
        {
            [$"Rows[{droppedRow}].Name"] = "",
            [$"Rows[{droppedRow}].Zone"] = null,
            [$"Rows[{droppedRow}].Note"] = "",
            ["Drops[0].Customer"] = droppedCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Drops[0].Reason"] = reason,
        };
        using var response = await rep.SubmitAsync(page.Form(), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Saves a new meeting's worksheet empty: every customer carried forward from the rep's previous one (in order,
    /// <paramref name="customerIds"/>) is taken off the list for <paramref name="reason"/>.
    /// </summary>
    public static async Task DropEverythingAsync(this HttpClient rep, int meetingId, IReadOnlyList<int> customerIds, string reason)
    {
        var page = await rep.GetDocumentAsync($"/meetings/{meetingId}/worksheet");
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < customerIds.Count; i++)
        {
            values[$"Rows[{i}].Name"] = "";
            values[$"Rows[{i}].Zone"] = null;
            values[$"Rows[{i}].Note"] = "";
            values[$"Drops[{i}].Customer"] = customerIds[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            values[$"Drops[{i}].Reason"] = reason;
        }

        using var response = await rep.SubmitAsync(page.Form(), values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
