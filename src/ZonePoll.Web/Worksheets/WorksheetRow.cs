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
public sealed record CleanEntry(int Position, string Name, string NormalizedName, Zone Zone, AccountType AccountType, string? Note, bool Pinched = false, ThreeRs Causes = ThreeRs.None);

/// <summary>An error at <paramref name="Row"/> (0-based), on one of its fields (<c>Name</c>, <c>Zone</c>, ...).</summary>
public sealed record RowError(int Row, string Field, string Message)
{
    /// <summary>The form field it belongs to, such as <c>Rows[3].Zone</c>.</summary>
    public string Key => $"Rows[{Row}].{Field}";
}

public sealed record WorksheetCheck(IReadOnlyList<CleanEntry> Entries, IReadOnlyList<RowError> Errors, string? FormError)
{
    public bool IsValid => Errors.Count == 0 && FormError is null;

    public IReadOnlyList<int> RowsWithErrors => [.. Errors.Select(e => e.Row).Distinct().Order()];

    public bool HasError(int row, string field) => Errors.Any(e => e.Row == row && e.Field == field);
}
