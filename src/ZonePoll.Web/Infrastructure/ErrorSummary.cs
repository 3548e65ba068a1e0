namespace ZonePoll.Web.Infrastructure;

/// <summary>One problem in a form's error summary: what is wrong and, when it belongs to a field, that field's id.</summary>
public sealed record ErrorSummaryItem(string Message, string? FieldId)
{
    /// <summary>The link to the field, or null for a problem with the whole form (nothing to move focus to).</summary>
    public string? Href => FieldId is null ? null : "#" + FieldId;
}

/// <summary>
/// The GOV.UK error summary of a refused form, in the order the fields appear: built by the page model, so the view
/// only lists it (and /js/error-summary.js moves focus to the field a link names).
/// </summary>
public sealed record ErrorSummary(IReadOnlyList<ErrorSummaryItem> Items)
{
    public static ErrorSummary None { get; } = new([]);

    public bool HasProblems => Items.Count > 0;
}
