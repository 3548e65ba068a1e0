namespace ZonePoll.Web.Meetings;

/// <summary>The discussion prompts every new meeting starts with; the manager edits them per meeting.</summary>
public static class DefaultPrompts
{
    // Each comes with the data it asks about: WOW the accounts not yet delighted, answer the Recovery list, and so on.
    public static IReadOnlyList<(string Text, PromptData Show)> All { get; } =
    [
        ("What could each of us do this month to WOW a customer, so that they move up into Service Surprises?", PromptData.KeyAccounts),
        ("How well, and how fast, did we respond to the customers who are now in Service Recovery?", PromptData.Recovery),
        ("How do we show every customer that we will meet their needs and answer their concerns, every single time?", PromptData.Tally),
        ("Which key, growth and new accounts are not yet in Service Surprises, and what would surprise them?", PromptData.KeyAccounts),
        ("Who felt a \"pinch\" this month, a small dissatisfaction they never voiced? How do we clarify it, fix it and follow up?", PromptData.Pinched),
        ("Responsiveness, respect, reliability: where did we fall short on one of the three, and what changes now?", PromptData.ThreeRs),
    ];

    public static IReadOnlyList<string> Texts { get; } = [.. All.Select(p => p.Text)];

    public static IEnumerable<MeetingPrompt> Create() =>
        All.Select((prompt, index) => new MeetingPrompt { Position = index, Text = prompt.Text, Show = prompt.Show });
}
