namespace ZonePoll.Web.Meetings;

/// <summary>The discussion prompts every new meeting starts with; the manager edits them per meeting.</summary>
public static class DefaultPrompts
{
    public static IReadOnlyList<string> All { get; } =
    [
        "What could each of us do this month to WOW a customer, so that they move up into Service Surprises?",
        "How well, and how fast, did we respond to the customers who are now in Service Recovery?",
        "How do we show every customer that we will meet their needs and answer their concerns, every single time?",
        "Which key, growth and new accounts are not yet in Service Surprises, and what would surprise them?",
        "Who felt a \"pinch\" this month, a small dissatisfaction they never voiced? How do we clarify it, fix it and follow up?",
        "Responsiveness, respect, reliability: where did we fall short on one of the three, and what changes now?",
    ];

    public static IEnumerable<MeetingPrompt> Create() =>
        All.Select((text, index) => new MeetingPrompt { Position = index, Text = text });
}
