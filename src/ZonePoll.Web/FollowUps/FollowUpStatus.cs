using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.FollowUps;

/// <summary>A follow-up's status as the meeting page and the follow-up's own page word it, with a drop's reason.</summary>
public static class FollowUpStatus
{
    public static string Text(FollowUpClosure? closure, DropReason? dropReason) => closure switch
    {
        null => "open",
        FollowUpClosure.FollowedUp => "closed: followed up",
        FollowUpClosure.LeftRecovery => "closed: left Recovery",
        _ => dropReason is { } reason ? $"closed: dropped ({DropReasons.Label(reason)})" : "closed: dropped",
    };
}
