using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.FollowUps;

/// <summary>Why a follow-up was opened: the customer was placed in Service Recovery, or was feeling a pinch.</summary>
public enum FollowUpCause
{
    Recovery,
    Pinch,
}

/// <summary>How a follow-up ended: its last step was done, the customer left Recovery (or the pinch eased), or they were dropped.</summary>
public enum FollowUpClosure
{
    FollowedUp,
    LeftRecovery,
    Dropped,
}

public enum FollowUpStep
{
    Clarify,
    Fix,
    FollowUp,
}

/// <summary>
/// The seeds' three steps for an unhappy customer, one per team customer while they stay in Recovery (or pinched):
/// opened by the worksheet save that placed them there, closed by its last step or by a later save that moves them out.
/// </summary>
public sealed class FollowUp
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int TeamId { get; set; }
    public int CustomerId { get; set; }
    public string OwnerId { get; set; } = "";
    public FollowUpCause Cause { get; set; }

    /// <summary>
    /// The meeting whose save opened it, and where the Recovery clock starts: that meeting's date, or the day of the
    /// save when it came before the meeting.
    /// </summary>
    public int OpenedMeetingId { get; set; }

    public DateOnly OpenedOn { get; set; }
    public DateOnly DueOn { get; set; }

    public DateOnly? ClarifiedOn { get; set; }
    public string? ClarifyNote { get; set; }
    public DateOnly? FixedOn { get; set; }
    public string? FixNote { get; set; }
    public DateOnly? FollowedUpOn { get; set; }
    public string? FollowUpNote { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public FollowUpClosure? Closure { get; set; }
    public DropReason? DropReason { get; set; }

    /// <summary>The meeting whose save closed it; a save at that meeting that puts the customer back reopens it.</summary>
    public int? ClosedMeetingId { get; set; }

    /// <summary>Concurrency token: two people ticking at once never overwrite each other silently.</summary>
    public int Version { get; set; }

    public List<FollowUpChange> History { get; } = [];
    public Teams.Customer? Customer { get; set; }
    public Data.AppUser? Owner { get; set; }
}

/// <summary>One change to a follow-up: who, when, and what, in words.</summary>
public sealed class FollowUpChange
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int FollowUpId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null when the app made the change (a worksheet save opened or closed it).</summary>
    public string? UserId { get; set; }

    public string Text { get; set; } = "";
    public Data.AppUser? User { get; set; }
}
