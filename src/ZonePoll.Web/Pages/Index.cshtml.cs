using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel(ZonePollDbContext db, TimeProvider clock, LocalTime localTime) : PageModel
{
    public IReadOnlyList<TeamCard> Teams { get; private set; } = [];

    /// <summary>The archived teams I manage, off the list above, where I can find them to restore.</summary>
    public IReadOnlyList<ArchivedTeam> Archived { get; private set; } = [];
    public IReadOnlyList<string> ArchivedAsRep { get; private set; } = [];

    public sealed record ArchivedTeam(int Id, string Name, DateTimeOffset ArchivedAt);

    public IEnumerable<(TeamCard Team, MeetingLine Meeting)> WaitingOnMe =>
        Teams.SelectMany(t => t.Meetings.Where(m => m.NeedsMe(t.Role)).Select(m => (t, m)));

    /// <summary>My open follow-ups, soonest due first, so the overdue ones lead.</summary>
    public IReadOnlyList<FollowUpLine> FollowUps { get; private set; } = [];

    /// <summary>The actions I own that are still open, on teams in use, soonest due first.</summary>
    public IReadOnlyList<ActionLine> Actions { get; private set; } = [];

    /// <summary>My today, in my own time zone, as the follow-up page and the team's actions page count it.</summary>
    public DateOnly Today { get; private set; }

    public sealed record ActionLine(int Id, int TeamId, string Team, string Text, string? Customer, DateOnly DueOn);

    public sealed record FollowUpLine(
        int Id,
        string Customer,
        string Team,
        FollowUpCause Cause,
        DateOnly OpenedOn,
        DateOnly DueOn,
        DateOnly? ClarifiedOn,
        DateOnly? FixedOn)
    {
        public FollowUpStep Next => FollowUpStepStyle.Next(ClarifiedOn, FixedOn, null) ?? FollowUpStep.FollowUp;
    }

    public sealed record TeamCard(int Id, string Name, TeamRole Role, int RepCount, IReadOnlyList<MeetingLine> Meetings);

    public sealed record MeetingLine(int Id, string Title, DateOnly Date, MeetingStatus Status, int MyEntries, int RepsIn, bool Revealed)
    {
        public bool NeedsMe(TeamRole role) => role == TeamRole.Rep
            ? Status == MeetingStatus.Open && MyEntries == 0
            : Status == MeetingStatus.Draft;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var userId = User.GetUserId();
        Today = (await localTime.ForAsync(User, cancellationToken)).Today(clock);
        Teams = await db.TeamMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.Team!.ArchivedAt == null)
            .OrderBy(m => m.Team!.Name)
            .Select(m => new TeamCard(
                m.TeamId,
                m.Team!.Name,
                m.Role,
                db.TeamMembers.Count(r => r.TeamId == m.TeamId && r.Role == TeamRole.Rep),
                db.Meetings
                    .Where(mt => mt.TeamId == m.TeamId)
                    .OrderByDescending(mt => mt.Date).ThenByDescending(mt => mt.Id)
                    .Take(8)
                    .Select(mt => new MeetingLine(
                        mt.Id,
                        mt.Title,
                        mt.Date,
                        mt.Status,
                        db.Entries.Count(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == mt.Id && w.RepId == userId)),
                        db.Worksheets.Count(w => w.MeetingId == mt.Id && w.Entries.Any()),
                        mt.ResultsRevealed))
                    .ToList()))
            .ToListAsync(cancellationToken);
        Archived = await db.TeamMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.Role == TeamRole.Manager && m.Team!.ArchivedAt != null)
            .OrderBy(m => m.Team!.Name)
            .Select(m => new ArchivedTeam(m.TeamId, m.Team!.Name, m.Team.ArchivedAt!.Value))
            .ToListAsync(cancellationToken);
        // A rep whose only team was archived is on a team still: "not on a team yet" would send them hunting for an invite.
        ArchivedAsRep = Teams.Count > 0 || Archived.Count > 0 ? [] : await db.TeamMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.Role != TeamRole.Manager && m.Team!.ArchivedAt != null)
            .OrderBy(m => m.Team!.Name)
            .Select(m => m.Team!.Name)
            .ToListAsync(cancellationToken);
        // An archived team's follow-ups are read-only with the rest of it: nothing to do there until it is restored.
        FollowUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.OwnerId == userId && f.ClosedAt == null
                && db.TeamMembers.Any(m => m.TeamId == f.TeamId && m.UserId == userId && m.Team!.ArchivedAt == null))
            .OrderBy(f => f.DueOn).ThenBy(f => f.OpenedOn).ThenBy(f => f.Id)
            .Select(f => new FollowUpLine(
                f.Id,
                f.Customer!.Name,
                db.Teams.Where(t => t.Id == f.TeamId).Select(t => t.Name).First(),
                f.Cause,
                f.OpenedOn,
                f.DueOn,
                f.ClarifiedOn,
                f.FixedOn))
            .ToListAsync(cancellationToken);
        // On a team I still belong to and that is in use: an archived team's actions wait with the rest of it.
        Actions = await db.MeetingActions.AsNoTracking()
            .Where(a => a.OwnerId == userId && a.DoneOn == null
                && db.TeamMembers.Any(m => m.TeamId == a.TeamId && m.UserId == userId && m.Team!.ArchivedAt == null))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new ActionLine(
                a.Id,
                a.TeamId,
                db.Teams.Where(t => t.Id == a.TeamId).Select(t => t.Name).First(),
                a.Text,
                a.Customer!.Name,
                a.DueOn))
            .ToListAsync(cancellationToken);
    }
}
