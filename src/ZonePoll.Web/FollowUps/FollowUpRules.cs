using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.FollowUps;

/// <summary>
/// A follow-up the meeting's saves may touch: open, or closed by an earlier save at this same meeting. Placed by the
/// date of the meeting that opened it, not by <see cref="FollowUp.OpenedOn"/>: that is the day of the save when it
/// came before the meeting, so it can fall before an older meeting still to come.
/// </summary>
public sealed record KnownFollowUp(int Id, int CustomerId, int OpenedMeetingId, DateOnly OpenedMeetingDate, bool Touched, bool ClosedHere);

/// <summary>What a meeting's saved worksheets do to the team's follow-ups.</summary>
public abstract record FollowUpAction
{
    public sealed record Open(int CustomerId, FollowUpCause Cause) : FollowUpAction;

    public sealed record Reopen(int Id) : FollowUpAction;

    public sealed record Close(int Id, FollowUpClosure Closure, DropReason? Reason) : FollowUpAction;

    /// <summary>Opened by a mistake corrected at the same meeting, before anyone worked on it.</summary>
    public sealed record Remove(int Id) : FollowUpAction;
}

/// <summary>
/// Keeps one follow-up per team customer in Recovery or pinched, from what every rep has saved for a meeting. Pure:
/// the writer loads the meeting's state once per group commit and carries the actions out in the same transaction.
/// </summary>
public static class FollowUpRules
{
    /// <param name="meetingId">The meeting saved for.</param>
    /// <param name="meetingDate">Its date: only a save for the opening meeting or a later one can end a follow-up.</param>
    /// <param name="placed">
    /// Customers on some rep's list at this meeting, with what they need: <see cref="FollowUpCause.Recovery"/> when any rep
    /// has them there, else <see cref="FollowUpCause.Pinch"/> when any rep marked a pinch, else null.
    /// </param>
    /// <param name="drops">Customers dropped with a reason at this meeting.</param>
    /// <param name="known">The team's open follow-ups, and those closed by a save at this meeting.</param>
    public static IReadOnlyList<FollowUpAction> Reconcile(
        int meetingId,
        DateOnly meetingDate,
        IReadOnlyDictionary<int, FollowUpCause?> placed,
        IReadOnlyDictionary<int, DropReason> drops,
        IReadOnlyList<KnownFollowUp> known)
    {
        var actions = new List<FollowUpAction>();
        var byCustomer = known.ToLookup(f => f.CustomerId);

        // Customers who need one now.
        foreach (var (customerId, cause) in placed.Where(p => p.Value is not null).OrderBy(p => p.Key).Select(p => (p.Key, p.Value!.Value)))
        {
            var followUps = byCustomer[customerId].ToList();
            if (followUps.Any(f => !f.ClosedHere))
            {
                continue;
            }

            // Moved out and back within one meeting (a shared customer whose reps disagree, or a correction): the same one.
            actions.Add(followUps.FirstOrDefault(f => f.ClosedHere) is { } closed
                ? new FollowUpAction.Reopen(closed.Id)
                : new FollowUpAction.Open(customerId, cause));
        }

        // Open follow-ups this meeting's lists may end.
        foreach (var followUp in known.Where(f => !f.ClosedHere))
        {
            var isLater = meetingDate > followUp.OpenedMeetingDate || (meetingDate == followUp.OpenedMeetingDate && meetingId > followUp.OpenedMeetingId);
            var isSame = meetingId == followUp.OpenedMeetingId;
            if (!isLater && !isSame)
            {
                // A save for an older meeting says nothing about where the customer stands now.
                continue;
            }

            if (!placed.TryGetValue(followUp.CustomerId, out var need))
            {
                if (drops.TryGetValue(followUp.CustomerId, out var reason))
                {
                    actions.Add(new FollowUpAction.Close(followUp.Id, FollowUpClosure.Dropped, reason));
                }
                else if (isSame && !followUp.Touched)
                {
                    actions.Add(new FollowUpAction.Remove(followUp.Id));
                }

                // Otherwise nobody has placed them at this meeting yet: it stays open across meetings.
                continue;
            }

            if (need is null)
            {
                actions.Add(isSame && !followUp.Touched
                    ? new FollowUpAction.Remove(followUp.Id)
                    : new FollowUpAction.Close(followUp.Id, FollowUpClosure.LeftRecovery, null));
            }
        }

        return actions;
    }
}
