namespace ZonePoll.Web.Worksheets;

/// <summary>Why a rep took a customer off their list since their previous worksheet.</summary>
public enum DropReason
{
    LostToCompetitor,
    StoppedBuying,
    NoLongerMyAccount,
    ReplacedToKeepTen,
}

/// <summary>A customer from the rep's previous worksheet who is not on this one, with the reason the rep gave.</summary>
public sealed class Drop
{
    public int Id { get; set; }
    public int WorksheetId { get; set; }
    public int CustomerId { get; set; }
    public DropReason Reason { get; set; }

    /// <summary>The zone on the previous worksheet: a loss from Expectations or Surprises was not seen coming.</summary>
    public Zone LastZone { get; set; }

    public Teams.Customer? Customer { get; set; }
}

public static class DropReasons
{
    public static IReadOnlyList<(DropReason Reason, string Label)> All { get; } =
    [
        (DropReason.LostToCompetitor, "Lost to a competitor"),
        (DropReason.StoppedBuying, "Stopped buying"),
        (DropReason.NoLongerMyAccount, "No longer my account"),
        (DropReason.ReplacedToKeepTen, "Replaced to keep ten"),
    ];

    public static string Label(DropReason reason) => All.First(r => r.Reason == reason).Label;

    /// <summary>The reasons that count as churn: the customer is gone, not just moved to another list.</summary>
    public static bool IsChurn(DropReason reason) => reason is DropReason.LostToCompetitor or DropReason.StoppedBuying;
}
