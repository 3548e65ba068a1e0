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
public sealed class ProjectorSwitches(MeetingChanges changes)
{
    /// <summary>Whether the switch was set: an archived team is read-only, so nothing changes on it.</summary>
    public Task<bool> RevealAsync(ZonePollDbContext db, MeetingAccessResult meeting, bool revealed, CancellationToken cancellationToken) =>
        SetAsync(db, meeting, s => s.SetProperty(m => m.ResultsRevealed, revealed), cancellationToken);

    public Task<bool> CustomerNamesAsync(ZonePollDbContext db, MeetingAccessResult meeting, bool show, CancellationToken cancellationToken) =>
        SetAsync(db, meeting, s => s.SetProperty(m => m.ShowCustomerNames, show), cancellationToken);

    private async Task<bool> SetAsync(
        ZonePollDbContext db, MeetingAccessResult meeting, Action<UpdateSettersBuilder<Meeting>> set, CancellationToken cancellationToken)
    {
        if (meeting.TeamArchived)
        {
            return false;
        }

        await using var change = await changes.BeginAsync(db, meeting.TeamId, cancellationToken);
        await db.Meetings.Where(m => m.Id == meeting.MeetingId).ExecuteUpdateAsync(set, cancellationToken);
        await change.CommitAsync(new TallyChange.Meeting(meeting.MeetingId), cancellationToken);
        return true;
    }
}
