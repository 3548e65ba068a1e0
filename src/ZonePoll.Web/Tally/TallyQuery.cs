using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>Loads what a tally needs with no-tracking projections and hands it to <see cref="TallyBuilder"/>.</summary>
public sealed class TallyQuery(ZonePollDbContext db)
{
    public async Task<TallySnapshot?> BuildAsync(int meetingId, CancellationToken cancellationToken)
    {
        var input = await LoadAsync(meetingId, cancellationToken);
        return input is null ? null : TallyBuilder.Build(input);
    }

    /// <summary>
    /// A header row, then one flat statement per list (roster, entries, previous entries, prompts): SQLite has no
    /// APPLY, and one joined statement would multiply 5,000 entries by the roster.
    /// </summary>
    public async Task<TallyInput?> LoadAsync(int meetingId, CancellationToken cancellationToken)
    {
        // One open for the five statements below, not one each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var header = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .Select(m => new
            {
                Meeting = new TallyMeeting(m.Id, m.Title, m.Team!.Name, m.Date, m.Status, m.ResultsRevealed, m.ShowCustomerNames, null),
                m.TeamId,
                // Two scalar subqueries: an object one would need APPLY, which SQLite lacks.
                PreviousId = db.Meetings
                    .Where(p => p.TeamId == m.TeamId && (p.Date < m.Date || (p.Date == m.Date && p.Id < m.Id)))
                    .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
                    .Select(p => (int?)p.Id)
                    .FirstOrDefault(),
                PreviousDate = db.Meetings
                    .Where(p => p.TeamId == m.TeamId && (p.Date < m.Date || (p.Date == m.Date && p.Id < m.Id)))
                    .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
                    .Select(p => (DateOnly?)p.Date)
                    .FirstOrDefault(),
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
            .SelectMany(w => w.Entries, (w, e) => new TallyEntry(w.RepId, e.CustomerId, e.Customer!.Name, e.Zone, e.AccountType, e.Note))
            .ToListAsync(cancellationToken);
        var prompts = await db.MeetingPrompts.AsNoTracking()
            .Where(p => p.MeetingId == meetingId)
            .OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => p.Text)
            .ToListAsync(cancellationToken);

        var meeting = header.Meeting;
        List<PreviousEntry> previous = [];
        if (header.PreviousId is { } previousId)
        {
            previous = await db.Worksheets.AsNoTracking()
                .Where(w => w.MeetingId == previousId)
                .SelectMany(w => w.Entries, (w, e) => new PreviousEntry(e.CustomerId, e.Zone))
                .ToListAsync(cancellationToken);
            meeting = meeting with { PreviousDate = header.PreviousDate };
        }

        return new TallyInput(meeting, reps, entries, previous, prompts);
    }
}
