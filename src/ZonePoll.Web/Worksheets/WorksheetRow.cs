namespace ZonePoll.Web.Worksheets;

/// <summary>One row of the worksheet form, exactly as typed.</summary>
public sealed class WorksheetRow
{
    public string? Name { get; set; }
    public Zone? Zone { get; set; }
    public AccountType AccountType { get; set; } = AccountType.Standard;
    public string? Note { get; set; }
}

/// <summary>A row that passed the rules, ready to store.</summary>
public sealed record CleanEntry(int Position, string Name, string NormalizedName, Zone Zone, AccountType AccountType, string? Note);

public sealed record RowError(string Field, string Message);

public sealed record WorksheetCheck(IReadOnlyList<CleanEntry> Entries, IReadOnlyList<RowError> Errors, string? FormError)
{
    public bool IsValid => Errors.Count == 0 && FormError is null;
}
