using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>
/// The projector's two switches that are the meeting's own (numbers revealed, customer names shown): the one way to
/// flip them, for the dashboard's buttons and the hub's remote commands alike, through <see cref="MeetingChanges"/>.
/// </summary>
public sealed class ProjectorSwitches(MeetingChanges changes, IEnumerable<IRevealObserver> observers)
{
    /// <summary>Whether the switch was set: an archived team is read-only, so nothing changes on it.</summary>
    public Task<bool> RevealAsync(ZonePollDbContext db, MeetingAccessResult meeting, bool revealed, CancellationToken cancellationToken) =>
        SetAsync(db, meeting, s => s.SetProperty(m => m.ResultsRevealed, revealed), revealed, cancellationToken);

    public Task<bool> CustomerNamesAsync(ZonePollDbContext db, MeetingAccessResult meeting, bool show, CancellationToken cancellationToken) =>
        SetAsync(db, meeting, s => s.SetProperty(m => m.ShowCustomerNames, show), revealing: false, cancellationToken);

    private async Task<bool> SetAsync(
        ZonePollDbContext db, MeetingAccessResult meeting, Action<UpdateSettersBuilder<Meeting>> set, bool revealing, CancellationToken cancellationToken)
    {
        if (meeting.TeamArchived)
        {
            return false;
        }

        await using (var change = await changes.BeginAsync(db, meeting.TeamId, cancellationToken))
        {
            // In the change's transaction, before it: an observer sees the state the reveal changes from.
            if (revealing)
            {
                foreach (var observer in observers)
                {
                    await observer.RevealingAsync(db, meeting.MeetingId, cancellationToken);
                }
            }

            await db.Meetings.Where(m => m.Id == meeting.MeetingId).ExecuteUpdateAsync(set, cancellationToken);
            await change.CommitAsync(new TallyChange.Meeting(meeting.MeetingId), cancellationToken);
        }

        if (revealing)
        {
            foreach (var observer in observers)
            {
                observer.Committed();
            }
        }

        return true;
    }
}

/// <summary>
/// Hears of a reveal, by the dashboard or a remote, inside its transaction (so what it queues commits with it) and again
/// after the commit. The team chat's "revealed" post is one; it lives in a feature that depends on this one, not the other way.
/// </summary>
public interface IRevealObserver
{
    Task RevealingAsync(ZonePollDbContext db, int meetingId, CancellationToken cancellationToken);

    void Committed();
}
