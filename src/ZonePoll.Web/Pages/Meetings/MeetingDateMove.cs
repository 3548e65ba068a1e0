using ZonePoll.Web.FollowUps;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>A follow-up's dates after the meeting that opened it moved.</summary>
public sealed record FollowUpDates(DateOnly OpenedOn, DateOnly DueOn);

/// <summary>
/// What re-dating a meeting does to the follow-ups its saves opened, pure. They were opened on the meeting's date (or on
/// the day of the save, when that came first) and were due <see cref="FollowUpClock.DefaultDueWorkingDays"/> working
/// days after the meeting: both follow the meeting. A due date someone chose by hand is theirs and stays.
/// </summary>
public static class MeetingDateMove
{
    /// <param name="current">The follow-up's dates now.</param>
    /// <param name="savedOn">The day the save that opened it was made.</param>
    /// <param name="from">The meeting's date before.</param>
    /// <param name="to">The meeting's new date.</param>
    public static FollowUpDates For(FollowUpDates current, DateOnly savedOn, DateOnly from, DateOnly to)
    {
        var openedOn = savedOn < to ? savedOn : to;
        var dueOn = current.DueOn == FollowUpClock.AddWorkingDays(from, FollowUpClock.DefaultDueWorkingDays)
            ? FollowUpClock.AddWorkingDays(to, FollowUpClock.DefaultDueWorkingDays)
            : current.DueOn;
        return new FollowUpDates(openedOn, dueOn);
    }
}
