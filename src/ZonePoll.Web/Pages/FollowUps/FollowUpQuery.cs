using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>An action the team agreed about the follow-up's customer, as the follow-up page lists it.</summary>
public sealed record FollowUpAction(int Id, int MeetingId, string Meeting, DateOnly MeetingDate, string Text, string Owner, DateOnly DueOn, DateOnly? DoneOn);

/// <summary>What the follow-up page reads: the follow-up, its history, the team to hand it to, and its context.</summary>
public sealed class FollowUpQuery(ZonePollDbContext db)
{
    public Task<FollowUpHeader> HeaderAsync(int id, CancellationToken cancellationToken) =>
        Headers(db, db.FollowUps.Where(f => f.Id == id)).SingleAsync(cancellationToken);

    /// <summary>Follow-ups as the page shows them; the customer's history reads them the same way.</summary>
    public static IQueryable<FollowUpHeader> Headers(ZonePollDbContext db, IQueryable<FollowUp> followUps) =>
        followUps.AsNoTracking()
            .Select(f => new FollowUpHeader(
                f.Id,
                f.TeamId,
                db.Teams.Where(t => t.Id == f.TeamId).Select(t => t.Name).First(),
                f.CustomerId,
                f.Customer!.Name,
                f.OwnerId,
                f.Owner!.DisplayName,
                f.Cause,
                f.OpenedOn,
                f.DueOn,
                f.ClarifiedOn,
                f.ClarifyNote,
                f.FixedOn,
                f.FixNote,
                f.FollowedUpOn,
                f.FollowUpNote,
                f.ClosedAt,
                f.Closure,
                f.DropReason,
                f.Version));

    public async Task<IReadOnlyList<FollowUpHistoryLine>> HistoryAsync(int id, CancellationToken cancellationToken) =>
        await db.FollowUpChanges.AsNoTracking()
            .Where(c => c.FollowUpId == id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new FollowUpHistoryLine(c.At, c.User!.DisplayName, c.Text))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<FollowUpMember>> MembersAsync(int teamId, CancellationToken cancellationToken) =>
        await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new FollowUpMember(m.UserId, m.User!.DisplayName, m.Role))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The customer's entries at the latest of the team's meetings that lists them: every rep's for a manager; for a
    /// rep (<paramref name="onlyRepId"/>), their own latest entry only, since a rep never sees another rep's notes.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpContextEntry>> ContextAsync(int teamId, int customerId, string? onlyRepId, CancellationToken cancellationToken)
    {
        var entries =
            from e in db.Entries
            join w in db.Worksheets on e.WorksheetId equals w.Id
            where e.CustomerId == customerId && w.Meeting!.TeamId == teamId && (onlyRepId == null || w.RepId == onlyRepId)
            select new { e, w };
        var latest = await entries
            .OrderByDescending(x => x.w.Meeting!.Date).ThenByDescending(x => x.w.MeetingId)
            .Select(x => (int?)x.w.MeetingId)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return [];
        }

        return await entries.AsNoTracking()
            .Where(x => x.w.MeetingId == latest)
            .OrderBy(x => x.w.Rep!.DisplayName).ThenBy(x => x.w.RepId)
            .Select(x => new FollowUpContextEntry(x.w.Rep!.DisplayName, x.w.Meeting!.Title, x.w.Meeting.Date, x.e.Zone, x.e.Causes, x.e.Pinched, x.e.Note))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The actions agreed about the customer at any of the team's meetings, open ones first (soonest due), then done:
    /// every one for a manager; for a rep (<paramref name="onlyOwnerId"/>), those they own. A shared customer's follow-up
    /// has one owner, and another rep's actions on that customer are theirs. The customer's history lists the same.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpAction>> ActionsAsync(int teamId, int customerId, string? onlyOwnerId, CancellationToken cancellationToken) =>
        await db.MeetingActions.AsNoTracking()
            .Where(a => a.TeamId == teamId && a.CustomerId == customerId && (onlyOwnerId == null || a.OwnerId == onlyOwnerId))
            .OrderBy(a => a.DoneOn != null).ThenBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new FollowUpAction(
                a.Id,
                a.MeetingId,
                db.Meetings.Where(m => m.Id == a.MeetingId).Select(m => m.Title).First(),
                db.Meetings.Where(m => m.Id == a.MeetingId).Select(m => m.Date).First(),
                a.Text,
                a.Owner!.DisplayName,
                a.DueOn,
                a.DoneOn))
            .ToListAsync(cancellationToken);
}
