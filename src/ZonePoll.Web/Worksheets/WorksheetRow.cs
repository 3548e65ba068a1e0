namespace ZonePoll.Web.Worksheets;

/// <summary>
/// One row of the worksheet form, exactly as typed. Zone and account type stay strings here so a crafted value
/// reaches <see cref="WorksheetRules"/> (and is refused at its row) instead of being coerced by model binding.
/// </summary>
public sealed class WorksheetRow
{
    public string? Name { get; set; }
    public string? Zone { get; set; }
    public string? AccountType { get; set; } = nameof(Worksheets.AccountType.Standard);
    public string? Note { get; set; }

    /// <summary>The "feeling a pinch" checkbox: <c>true</c> when ticked.</summary>
    public string? Pinch { get; set; }

    /// <summary>The ticked Three R's, by name.</summary>
    public List<string?> Causes { get; set; } = [];

    /// <summary>
    /// The id of the previous worksheet's customer whose details fill this row (carried forward, or saved since): when
    /// the name no longer names them, <see cref="CarriedRows"/> clears what the row inherited.
    /// </summary>
    public string? Carried { get; set; }

    /// <summary>The previous worksheet's customer the rep removed from this row in the browser, and why.</summary>
    public string? Dropped { get; set; }

    /// <summary>The reason chosen on the row for <see cref="Dropped"/>, a <see cref="DropReason"/> name.</summary>
    public string? DropReason { get; set; }

    /// <summary>The name the rep confirmed is a new customer when asked "Did you mean …?"; honoured while the row still holds it.</summary>
    public string? NewCustomer { get; set; }

    public bool IsPinched => Pinch == "true";

    public bool Cites(ThreeRs cause) => Causes.Contains(cause.ToString());

    public static WorksheetRow From(string name, Zone zone, AccountType accountType, string? note, bool pinched = false, ThreeRs causes = ThreeRs.None) =>
        new()
        {
            Name = name,
            Zone = zone.ToString(),
            AccountType = accountType.ToString(),
            Note = note,
            Pinch = pinched ? "true" : null,
            Causes = [.. ThreeRStyle.Split(causes).Select(c => (string?)c.ToString())],
        };
}

/// <summary>A row that passed the rules, ready to store.</summary>
public sealed record CleanEntry(
    int Position, string Name, string NormalizedName, Zone Zone, AccountType AccountType, string? Note, bool Pinched = false, ThreeRs Causes = ThreeRs.None);

/// <summary>An error at <paramref name="Row"/> (0-based), on one of its fields (<c>Name</c>, <c>Zone</c>, ...).</summary>
public sealed record RowError(int Row, string Field, string Message)
{
    /// <summary>The form field it belongs to, such as <c>Rows[3].Zone</c>.</summary>
    public string Key => $"Rows[{Row}].{Field}";
}

/// <param name="Entries">The rows that passed, ready to store.</param>
/// <param name="Errors">What stops the save, each at its row and field.</param>
/// <param name="FormError">What stops the save and belongs to no row.</param>
/// <param name="Notes">What the rules changed without refusing (ticks a zone move made stale), at the row and field.</param>
/// <param name="OnList">
/// The normalised name of every row with a usable name, errors or not: a customer on a row with an error is still on
/// the list, and must not be asked about as gone.
/// </param>
public sealed record WorksheetCheck(
    IReadOnlyList<CleanEntry> Entries,
    IReadOnlyList<RowError> Errors,
    string? FormError,
    IReadOnlyList<RowError>? Notes = null,
    IReadOnlySet<string>? OnList = null)
{
    public bool IsValid => Errors.Count == 0 && FormError is null;

    public IReadOnlyList<RowError> RowNotes => Notes ?? [];

    /// <summary>The names on the list: <see cref="OnList"/>, or the entries' when the check was made without it.</summary>
    public IReadOnlySet<string> Names => OnList ?? Entries.Select(e => e.NormalizedName).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<int> RowsWithErrors => [.. Errors.Select(e => e.Row).Distinct().Order()];

    public bool HasError(int row, string field) => Errors.Any(e => e.Row == row && e.Field == field);
}
