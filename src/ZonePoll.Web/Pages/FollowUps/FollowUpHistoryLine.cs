namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>One line of a follow-up's history: when, who (null: the app, from a worksheet save) and what.</summary>
public sealed record FollowUpHistoryLine(DateTimeOffset At, string? Who, string Text);
