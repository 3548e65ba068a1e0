using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.FollowUps;

/// <summary>One customer on the saved worksheet: whether they need a follow-up (in Recovery, or pinched).</summary>
public sealed record SavedCustomer(int CustomerId, FollowUpCause? Needs);

/// <summary>A follow-up a save may touch: open, or closed by an earlier save at this same meeting.</summary>
public sealed record KnownFollowUp(int Id, int CustomerId, int OpenedMeetingId, DateOnly OpenedOn, bool Touched, bool ClosedHere);

/// <summary>What one save does to the team's follow-ups.</summary>
public abstract record FollowUpAction
{
    public sealed record Open(int CustomerId, FollowUpCause Cause) : FollowUpAction;

    public sealed record Reopen(int Id) : FollowUpAction;

    public sealed record Close(int Id, FollowUpClosure Closure, DropReason? Reason) : FollowUpAction;

    /// <summary>Opened by a mistake corrected at the same meeting, before anyone worked on it.</summary>
    public sealed record Remove(int Id) : FollowUpAction;
}

/// <summary>
/// Keeps one follow-up per team customer in Recovery or pinched, from one rep's save. Pure: the writer loads what
/// it needs and carries the actions out inside the save's transaction.
/// </summary>
public static class FollowUpRules
{
    /// <param name="meetingId">The meeting saved for.</param>
    /// <param name="meetingDate">Its date: only a save for the opening meeting or a later one can end a follow-up.</param>
    /// <param name="saved">The rep's customers as saved.</param>
    /// <param name="drops">Customers the rep dropped at this save, with the reason.</param>
    /// <param name="known">The team's open follow-ups, and those closed by a save at this meeting.</param>
    /// <param name="others">Other reps' customers at this meeting: whether any of them needs a follow-up.</param>
    public static IReadOnlyList<FollowUpAction> Reconcile(
        int meetingId,
        DateOnly meetingDate,
        IReadOnlyList<SavedCustomer> saved,
        IReadOnlyDictionary<int, DropReason> drops,
        IReadOnlyList<KnownFollowUp> known,
        IReadOnlyDictionary<int, FollowUpCause?> others)
    {
        var actions = new List<FollowUpAction>();
        var mine = saved.ToDictionary(s => s.CustomerId, s => s.Needs);
        var byCustomer = known.ToLookup(f => f.CustomerId);

        // Customers who need one now.
        foreach (var (customerId, cause) in saved.Where(s => s.Needs is not null).Select(s => (s.CustomerId, s.Needs!.Value)))
        {
            var followUps = byCustomer[customerId].ToList();
            if (followUps.Any(f => !f.ClosedHere))
            {
                continue;
            }

            // Moved out and back within one meeting (a shared customer whose reps disagree, or a correction): the same one.
            actions.Add(followUps.FirstOrDefault(f => f.ClosedHere) is { } closed ? new FollowUpAction.Reopen(closed.Id) : new FollowUpAction.Open(customerId, cause));
        }

        // Open follow-ups this save may end.
        foreach (var followUp in known.Where(f => !f.ClosedHere))
        {
            var isLater = meetingDate > followUp.OpenedOn || (meetingDate == followUp.OpenedOn && meetingId > followUp.OpenedMeetingId);
            var isSame = meetingId == followUp.OpenedMeetingId;
            if (!isLater && !isSame)
            {
                // A save for an older meeting says nothing about where the customer stands now.
                continue;
            }

            var onMyList = mine.TryGetValue(followUp.CustomerId, out var myNeed);
            var onOtherList = others.TryGetValue(followUp.CustomerId, out var otherNeed);
            if (myNeed is not null || otherNeed is not null)
            {
                continue;
            }

            if (!onMyList && !onOtherList)
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

            actions.Add(isSame && !followUp.Touched
                ? new FollowUpAction.Remove(followUp.Id)
                : new FollowUpAction.Close(followUp.Id, FollowUpClosure.LeftRecovery, null));
        }

        return actions;
    }
}
