namespace ZonePoll.Web.Meetings;

/// <summary>
/// What the projector shows beside a discussion prompt, and the handout prints under it: the data the prompt asks
/// the team to talk about, so the pinch prompt brings up the pinched customers rather than the same bars as every other.
/// </summary>
public enum PromptData
{
    /// <summary>The team's bars, as the tally view shows them.</summary>
    Tally,

    /// <summary>The customers in Service Recovery, each with its follow-up.</summary>
    Recovery,

    /// <summary>The customers in Service Expectations feeling a pinch.</summary>
    Pinched,

    /// <summary>Which of responsiveness, respect and reliability fell short, counted per customer.</summary>
    ThreeRs,

    /// <summary>Key, growth and new accounts not yet in Service Surprises.</summary>
    KeyAccounts,

    /// <summary>Who moved since the last meeting, up and down.</summary>
    Movers,

    /// <summary>The customers dropped since the last meeting, with the reasons.</summary>
    Lost,
}

public static class PromptDataLabels
{
    public static IReadOnlyList<PromptData> All { get; } = Enum.GetValues<PromptData>();

    public static string Label(PromptData data) => data switch
    {
        PromptData.Tally => "The team tally",
        PromptData.Recovery => "The Recovery list",
        PromptData.Pinched => "The pinched customers",
        PromptData.ThreeRs => "The Three R's counts",
        PromptData.KeyAccounts => "Key accounts not in Surprises",
        PromptData.Movers => "Who moved since last time",
        PromptData.Lost => "The customers lost",
        _ => data.ToString(),
    };
}
