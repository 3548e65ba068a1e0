using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Pages.FollowUps;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// One customer across the team's meetings, in one timeline by date: each time a rep listed them, each time one
/// dropped them, and their follow-ups (opened, each step done with its note, closed and why). Managers see every rep's
/// rows, every follow-up and every action; a rep sees only their own rows and the follow-ups and actions they own, and
/// only for a customer they have listed (404 otherwise), as the follow-up page itself is only for its owner and the managers.
/// </summary>
[ForTeamMembers]
public sealed class CustomerModel(ZonePollDbContext db, LocalTime localTime, TimeProvider clock) : PageModel
{
    public sealed record HistoryRow(
        int MeetingId,
        string Meeting,
        DateOnly Date,
        string Rep,
        Zone? Zone,
        AccountType? AccountType,
        string? Note,
        DropReason? Dropped,
        Zone? LastZone)
    {
        /// <summary>Set on a follow-up's event: which follow-up, and what happened in words (the note, if any, in <see cref="Note"/>).</summary>
        public int? FollowUpId { get; init; }

        public string? Event { get; init; }

        /// <summary>Set on an action agreed about the customer, dated at its meeting: what it says is in <see cref="Event"/>.</summary>
        public int? ActionId { get; init; }

        /// <summary>On one day, worksheet rows come first, then each follow-up (older first): its opening, steps in order, closing.</summary>
        public int Order { get; init; }
    }

    public string Name { get; private set; } = "";

    public TeamAccessResult Team { get; private set; } = null!;

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] int customerId, CancellationToken cancellationToken)
    {
        Team = HttpContext.Team();
        var name = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId && c.TeamId == Team.TeamId)
            .Select(c => c.Name)
            .SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        // Null for a manager: every rep's rows.
        var onlyRep = Team.Role == TeamRole.Manager ? null : User.GetUserId();
        var listed = await db.Worksheets.AsNoTracking()
            .Where(w => onlyRep == null || w.RepId == onlyRep)
            .SelectMany(w => w.Entries.Where(e => e.CustomerId == customerId), (w, e) =>
                new HistoryRow(w.MeetingId, w.Meeting!.Title, w.Meeting.Date, w.Rep!.DisplayName, e.Zone, e.AccountType, e.Note, null, null))
            .ToListAsync(cancellationToken);
        if (onlyRep is not null && listed.Count == 0)
        {
            return NotFound();
        }

        var dropped = await db.Worksheets.AsNoTracking()
            .Where(w => onlyRep == null || w.RepId == onlyRep)
            .SelectMany(w => w.Drops.Where(d => d.CustomerId == customerId), (w, d) =>
                new HistoryRow(w.MeetingId, w.Meeting!.Title, w.Meeting.Date, w.Rep!.DisplayName, null, null, null, d.Reason, d.LastZone))
            .ToListAsync(cancellationToken);

        var followUps = await FollowUpQuery.Headers(
                db,
                db.FollowUps.Where(f => f.TeamId == Team.TeamId && f.CustomerId == customerId && (onlyRep == null || f.OwnerId == onlyRep)))
            .ToListAsync(cancellationToken);

        // A rep sees the actions they own: a shared customer's other actions are other reps' business, whose customers
        // every other page keeps from reps (the team's actions page, tally.json).
        var actions = await new FollowUpQuery(db).ActionsAsync(Team.TeamId, customerId, onlyRep, cancellationToken);
        var today = (await localTime.ForAsync(User, cancellationToken)).Today(clock);
        var agreed = actions.Select(a => new HistoryRow(a.MeetingId, a.Meeting, a.MeetingDate, a.Owner, null, null, null, null, null)
        {
            ActionId = a.Id,
            Event = $"Action: {a.Text}",
            Note = ActionState(a.DueOn, a.DoneOn, today),
            Order = 5,
        });

        Name = name;
        History = [.. listed.Concat(dropped).Concat(agreed).Concat(followUps.SelectMany(Events))
            .OrderBy(r => r.Date)
            .ThenBy(r => r.FollowUpId ?? 0)
            .ThenBy(r => r.Order)
            .ThenBy(r => r.MeetingId)
            .ThenBy(r => r.Rep, StringComparer.CurrentCulture)];
        return Page();
    }

    /// <summary>"due 11 Dec 2026, done 9 Dec 2026", "due 11 Dec 2026, open" or "…, overdue".</summary>
    public static string ActionState(DateOnly dueOn, DateOnly? doneOn, DateOnly today)
    {
        var due = "due " + FollowUpHistoryText.Day(dueOn);
        return doneOn is { } done ? $"{due}, done {FollowUpHistoryText.Day(done)}" : dueOn < today ? $"{due}, overdue" : $"{due}, open";
    }

    /// <summary>A follow-up as dated events: opened, each step done (with its note), closed.</summary>
    private static IEnumerable<HistoryRow> Events(FollowUpHeader f)
    {
        HistoryRow Event(DateOnly date, int order, string text, string? note) =>
            new(0, "Follow-up", date, f.Owner, null, null, note, null, null) { FollowUpId = f.Id, Event = text, Order = order };

        var opened = f.Cause == FollowUpCause.Recovery ? "Follow-up opened: placed in Service Recovery" : "Follow-up opened: feeling a pinch";
        yield return Event(f.OpenedOn, 1, opened, null);
        (DateOnly? On, FollowUpStep Step, string? Note)[] steps =
        [
            (f.ClarifiedOn, FollowUpStep.Clarify, f.ClarifyNote),
            (f.FixedOn, FollowUpStep.Fix, f.FixNote),
            (f.FollowedUpOn, FollowUpStep.FollowUp, f.FollowUpNote),
        ];
        foreach (var (on, step, note) in steps)
        {
            if (on is { } done)
            {
                yield return Event(done, 2 + (int)step, $"{FollowUpStepStyle.Of(step).Name} done", string.IsNullOrWhiteSpace(note) ? null : note);
            }
        }

        if (f.ClosedAt is { } closedAt)
        {
            var why = f.Closure switch
            {
                FollowUpClosure.FollowedUp => "every step done",
                FollowUpClosure.LeftRecovery => f.Cause == FollowUpCause.Recovery ? "left Service Recovery" : "the pinch eased",
                FollowUpClosure.Dropped => f.DropReason is { } reason ? $"dropped ({DropReasons.Label(reason)})" : "dropped",
                _ => "closed",
            };
            yield return Event(DateOnly.FromDateTime(closedAt.UtcDateTime), 9, $"Follow-up closed: {why}", null);
        }
    }
}
