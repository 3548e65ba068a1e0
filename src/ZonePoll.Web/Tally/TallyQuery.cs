using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>Loads what a tally needs with no-tracking projections and hands it to <see cref="TallyBuilder"/>.</summary>
public sealed class TallyQuery(ZonePollDbContext db, TimeProvider clock)
{
    public async Task<TallySnapshot?> BuildAsync(int meetingId, CancellationToken cancellationToken)
    {
        var input = await LoadAsync(meetingId, cancellationToken);
        return input is null ? null : TallyBuilder.Build(input);
    }

    /// <summary>
    /// A header row, then one flat statement per list (roster, entries, drops, prompts, previous entries): SQLite has
    /// no APPLY, and one joined statement would multiply 5,000 entries by the roster. "Previous" is the team's latest
    /// earlier meeting (by date, then id) that has entries; for a rep, their own latest earlier worksheet with entries.
    /// </summary>
    public async Task<TallyInput?> LoadAsync(int meetingId, CancellationToken cancellationToken)
    {
        // One open for the statements below, not one each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var header = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .Select(m => new
            {
                Meeting = new TallyMeeting(m.Id, m.Title, m.Team!.Name, m.Date, m.Status, m.ResultsRevealed, m.ShowCustomerNames, null),
                m.TeamId,
                m.Date,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var reps = await db.TeamMembers.AsNoTracking()
            .Where(tm => tm.TeamId == header.TeamId && tm.Role == TeamRole.Rep)
            .Select(tm => new TallyRep(tm.UserId, tm.User!.DisplayName))
            .ToListAsync(cancellationToken);
        var entries = await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == meetingId)
            .SelectMany(w => w.Entries, (w, e) => new TallyEntry(w.RepId, e.CustomerId, e.Customer!.Name, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))
            .ToListAsync(cancellationToken);
        var drops = await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == meetingId)
            .SelectMany(w => w.Drops, (w, d) => new TallyDrop(w.RepId, d.CustomerId, d.Customer!.Name, d.Reason, d.LastZone))
            .ToListAsync(cancellationToken);
        var prompts = await db.MeetingPrompts.AsNoTracking()
            .Where(p => p.MeetingId == meetingId)
            .OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => p.Text)
            .ToListAsync(cancellationToken);

        // Every earlier worksheet with entries, newest first: the first is the team's previous meeting, and each
        // rep's first is their own previous worksheet. A few thousand small rows even for a team with years of meetings.
        var earlier = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == header.TeamId && w.MeetingId != meetingId && w.Entries.Any()
                && (w.Meeting.Date < header.Date || (w.Meeting.Date == header.Date && w.MeetingId < meetingId)))
            .OrderByDescending(w => w.Meeting!.Date).ThenByDescending(w => w.MeetingId)
            .Select(w => new { w.Id, w.RepId, w.MeetingId, w.Meeting!.Date })
            .ToListAsync(cancellationToken);

        var meeting = header.Meeting;
        List<PreviousEntry> previous = [];
        List<PreviousEntry> repPrevious = [];
        if (earlier.Count > 0)
        {
            var teamPrevious = earlier[0].MeetingId;
            var teamSheets = earlier.Where(w => w.MeetingId == teamPrevious).Select(w => w.Id);
            var repSheets = earlier.DistinctBy(w => w.RepId).Select(w => w.Id);
            var wanted = teamSheets.Union(repSheets).ToList();
            var loaded = await db.Entries.AsNoTracking()
                .Where(e => wanted.Contains(e.WorksheetId))
                .Select(e => new { e.WorksheetId, e.CustomerId, e.Zone })
                .ToListAsync(cancellationToken);
            var sheets = earlier.ToDictionary(w => w.Id);
            var repSheetIds = repSheets.ToHashSet();
            previous = [.. loaded.Where(e => sheets[e.WorksheetId].MeetingId == teamPrevious).Select(e => new PreviousEntry(sheets[e.WorksheetId].RepId, e.CustomerId, e.Zone))];
            repPrevious = [.. loaded.Where(e => repSheetIds.Contains(e.WorksheetId)).Select(e => new PreviousEntry(sheets[e.WorksheetId].RepId, e.CustomerId, e.Zone))];
            meeting = meeting with { PreviousDate = earlier[0].Date };
        }

        // Live at this meeting: opened by its date, and open or closed since it began.
        var since = new DateTimeOffset(header.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.TeamId == header.TeamId && f.OpenedOn <= header.Date && (f.ClosedAt == null || f.ClosedAt >= since))
            .Select(f => new
            {
                f.Id,
                f.CustomerId,
                Customer = f.Customer!.Name,
                Owner = f.Owner!.DisplayName,
                f.Cause,
                f.OpenedOn,
                f.DueOn,
                f.ClarifiedOn,
                f.FixedOn,
                f.FollowedUpOn,
                f.ClosedAt,
                f.Closure,
            })
            .ToListAsync(cancellationToken);
        List<TallyFollowUp> live = [.. followUps.Select(f => new TallyFollowUp(
            f.Id, f.CustomerId, f.Customer, f.Owner, f.Cause, f.OpenedOn, f.DueOn, f.ClarifiedOn, f.FixedOn, f.FollowedUpOn,
            f.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime) : null, f.Closure))];

        return new TallyInput(meeting, reps, entries, previous, repPrevious, drops, prompts, live, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}
