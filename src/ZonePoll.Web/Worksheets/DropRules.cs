using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Worksheets;

/// <summary>One posted drop reason, as typed: the customer's id and the reason's name, both strings until checked.</summary>
public sealed class DropInput
{
    public string? Customer { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A customer from the previous worksheet who is not on this one, and the reason given so far (if any).</summary>
public sealed record DroppedCustomer(int CustomerId, string Name, Zone LastZone, string? Reason);

/// <summary>A drop that passed the rules, ready to store.</summary>
public sealed record CleanDrop(int CustomerId, DropReason Reason, Zone LastZone);

public sealed record DropCheck(
    IReadOnlyList<DroppedCustomer> Dropped, IReadOnlyList<CleanDrop> Drops, IReadOnlyDictionary<int, string> Errors, string? FormError)
{
    public bool IsValid => Errors.Count == 0 && FormError is null;

    /// <summary>The form field of a dropped customer's reason, which its error is shown beside.</summary>
    public static string Key(int customerId) => $"Drop-{customerId}";
}

/// <summary>
/// Pure: which customers of the previous worksheet have gone from this one, and whether each has a valid reason.
/// Customers are matched by normalised name, so "Müller GmbH" typed as "MULLER GMBH" is the same customer.
/// </summary>
public static class DropRules
{
    /// <param name="onList">The normalised names on the list now, rows with errors included (<see cref="WorksheetCheck.Names"/>).</param>
    /// <param name="previous">The rep's previous worksheet, if any.</param>
    /// <param name="posted">The reasons posted, as typed.</param>
    public static DropCheck Check(IReadOnlySet<string> onList, PreviousWorksheet? previous, IReadOnlyList<DropInput?> posted)
    {
        var carried = previous?.Entries ?? [];
        var dropped = carried.Where(c => !onList.Contains(c.NormalizedName)).ToList();

        var reasons = new Dictionary<int, string>();
        string? formError = null;
        foreach (var input in posted)
        {
            if (input is null || (string.IsNullOrEmpty(input.Customer) && string.IsNullOrEmpty(input.Reason)))
            {
                continue;
            }

            var known = int.TryParse(input.Customer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? previous?.Find(id)
                : null;
            if (known is null)
            {
                formError = "The form named a customer who was not on your previous worksheet, so nothing was saved. Reload the page and try again.";
            }
            else if (!reasons.TryAdd(id, input.Reason ?? ""))
            {
                formError = "The form gave two reasons for one customer, so nothing was saved. Reload the page and try again.";
            }
            else if (onList.Contains(known.NormalizedName) && !string.IsNullOrEmpty(input.Reason))
            {
                formError = $"{known.Name} is on your list again, so it needs no reason: the reason was taken away. "
                    + "Nothing was saved yet; check the list and save again.";
            }
        }

        var errors = new Dictionary<int, string>();
        var drops = new List<CleanDrop>();
        foreach (var customer in dropped)
        {
            var reason = reasons.GetValueOrDefault(customer.CustomerId);
            if (string.IsNullOrEmpty(reason))
            {
                errors[customer.CustomerId] = $"Choose why {customer.Name} is no longer on your list.";
            }
            else if (!EnumNames.TryParse<DropReason>(reason, out var clean))
            {
                errors[customer.CustomerId] = $"Choose one of the four reasons for {customer.Name}.";
            }
            else
            {
                drops.Add(new CleanDrop(customer.CustomerId, clean, customer.Zone));
            }
        }

        var shown = dropped.Select(c => new DroppedCustomer(c.CustomerId, c.Name, c.Zone, reasons.GetValueOrDefault(c.CustomerId))).ToList();
        return new DropCheck(shown, drops, errors, formError);
    }
}
