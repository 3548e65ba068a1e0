using ZonePoll.Web.Data;

namespace ZonePoll.Web.Meetings;

/// <summary>
/// Something the team agreed in a meeting ("call Harbor about the delivery delay"): what, who, by when, and optionally
/// the customer or prompt it came from. It outlives the meeting: open until its owner or a manager marks it done, and
/// the next meeting asks what became of it.
/// </summary>
public sealed class MeetingAction
{
    public const int TextMaxLength = 300;

    public int Id { get; set; }
    public int TeamId { get; set; }

    /// <summary>The meeting it was agreed in.</summary>
    public int MeetingId { get; set; }

    public string Text { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public DateOnly DueOn { get; set; }

    /// <summary>The team customer it is about, if any.</summary>
    public int? CustomerId { get; set; }

    /// <summary>The meeting's prompt it came from, if any; emptied when the prompt is removed.</summary>
    public int? PromptId { get; set; }

    /// <summary>Who typed it in; emptied if that account is deleted.</summary>
    public string? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The day it was marked done; null while open.</summary>
    public DateOnly? DoneOn { get; set; }

    public AppUser? Owner { get; set; }
    public Teams.Customer? Customer { get; set; }
    public MeetingPrompt? Prompt { get; set; }
}
