namespace ZonePoll.Web.FollowUps;

/// <summary>The seeds' three steps, in the words the pages and the handout use.</summary>
public sealed record FollowUpStepStyle(FollowUpStep Step, string Name, string Description)
{
    public static IReadOnlyList<FollowUpStepStyle> All { get; } =
    [
        new(FollowUpStep.Clarify, "Clarify", "Confirm what is wrong, in the customer's own words."),
        new(FollowUpStep.Fix, "Fix it", "Offer a solution, and say when you will get back to them."),
        new(FollowUpStep.FollowUp, "Follow up", "Check later that it really is resolved."),
    ];

    public static FollowUpStepStyle Of(FollowUpStep step) => All[(int)step];

    /// <summary>The first step not done yet, or null when all are.</summary>
    public static FollowUpStep? Next(DateOnly? clarified, DateOnly? fixedOn, DateOnly? followedUp) =>
        clarified is null ? FollowUpStep.Clarify : fixedOn is null ? FollowUpStep.Fix : followedUp is null ? FollowUpStep.FollowUp : null;
}
