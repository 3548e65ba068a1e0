namespace ZonePoll.Web.Worksheets;

/// <summary>
/// What every customer expects (the seeds' "Three R's"): a Recovery or Expectations entry may name the ones that fell
/// short. Stored as a bit set, so one column holds any combination and a check constraint can bound it.
/// </summary>
[Flags]
public enum ThreeRs
{
    None = 0,
    Responsiveness = 1,
    Respect = 2,
    Reliability = 4,
}

public sealed record ThreeRStyle(ThreeRs Cause, string Description)
{
    public const ThreeRs Any = ThreeRs.Responsiveness | ThreeRs.Respect | ThreeRs.Reliability;

    public static IReadOnlyList<ThreeRStyle> All { get; } =
    [
        new(ThreeRs.Responsiveness, "answered late, or not at all"),
        new(ThreeRs.Respect, "felt unheard or talked down to"),
        new(ThreeRs.Reliability, "we did not do what we said"),
    ];

    /// <summary>The single causes in <paramref name="causes"/>, in the order above.</summary>
    public static IEnumerable<ThreeRs> Split(ThreeRs causes) => All.Select(s => s.Cause).Where(c => causes.HasFlag(c));
}

/// <summary>The seeds' pinch factor, in the words the worksheet and the handout use.</summary>
public static class Pinch
{
    public const string Label = "Feeling a pinch";

    /// <summary>The one line beside the checkbox; <see cref="Explanation"/> is the whole of it.</summary>
    public const string Hint = "something small bothers them, and they have not said so";

    public const string Explanation = "Satisfied on paper, but something small is bothering them and they have not said so. "
        + "Clarify it, fix it, follow up before they slide into Recovery.";
}
