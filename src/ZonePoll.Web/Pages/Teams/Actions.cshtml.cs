using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// Everything the team agreed to do, outside the meeting: open ones first (soonest due, so the overdue lead), then the
/// done ones. Every member sees every action's text, owner and due date; a rep sees the customer only on the actions
/// they own, as the snapshot keeps another rep's customers from reps. Its owner or a manager marks one done or open
/// again, here or from the home page (which posts here with a <c>returnUrl</c>).
/// </summary>
[ForTeamMembers]
public sealed class ActionsModel(ZonePollDbContext db, MeetingActions actions, LocalTime localTime, TimeProvider clock) : PageModel
{
    /// <summary>Enough done actions to see what became of the last few meetings'; older ones stay in the database.</summary>
    public const int DoneShown = 100;

    public sealed record ActionLine(
        int Id, string Text, string OwnerId, string Owner, DateOnly DueOn, DateOnly? DoneOn, int MeetingId, string Meeting, DateOnly MeetingDate,
        int? CustomerId, string? Customer);

    public TeamAccessResult Team => HttpContext.Team();

    public string UserId => User.GetUserId();

    /// <summary>Only my own actions ("Mine").</summary>
    public bool Mine { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ActionLine> Open { get; private set; } = [];

    public IReadOnlyList<ActionLine> Done { get; private set; } = [];

    /// <summary>More done actions than <see cref="DoneShown"/>: the page says the older ones are left out.</summary>
    public bool MoreDone { get; private set; }

    public bool MayTick(ActionLine action) => Team.IsManager || action.OwnerId == UserId;

    public async Task<IActionResult> OnGetAsync(bool mine, CancellationToken cancellationToken)
    {
        Mine = mine;
        Today = (await localTime.ForAsync(User, cancellationToken)).Today(clock);
        var userId = UserId;
        var manager = Team.IsManager;
        var actionsOfTeam = db.MeetingActions.AsNoTracking().Where(a => a.TeamId == Team.TeamId && (!mine || a.OwnerId == userId));
        IQueryable<ActionLine> Lines(IQueryable<MeetingAction> query) => query.Select(a => new ActionLine(
            a.Id,
            a.Text,
            a.OwnerId,
            a.Owner!.DisplayName,
            a.DueOn,
            a.DoneOn,
            a.MeetingId,
            db.Meetings.Where(m => m.Id == a.MeetingId).Select(m => m.Title).First(),
            db.Meetings.Where(m => m.Id == a.MeetingId).Select(m => m.Date).First(),
            manager || a.OwnerId == userId ? a.CustomerId : null,
            manager || a.OwnerId == userId ? a.Customer!.Name : null));

        Open = await Lines(actionsOfTeam.Where(a => a.DoneOn == null).OrderBy(a => a.DueOn).ThenBy(a => a.Id)).ToListAsync(cancellationToken);
        var done = await Lines(actionsOfTeam.Where(a => a.DoneOn != null).OrderByDescending(a => a.DoneOn).ThenByDescending(a => a.Id).Take(DoneShown + 1))
            .ToListAsync(cancellationToken);
        MoreDone = done.Count > DoneShown;
        Done = [.. done.Take(DoneShown)];
        return Page();
    }

    /// <summary>
    /// Marks the posted action done (<paramref name="done"/> true) or open again (false). The action is looked up inside
    /// the team the membership rule checked, so another team's id finds nothing here.
    /// </summary>
    public async Task<IActionResult> OnPostDoneAsync(string? actionId, bool? done, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || done is null || string.IsNullOrEmpty(actionId))
        {
            return BadRequest();
        }

        var today = (await localTime.ForAsync(User, cancellationToken)).Today(clock);
        var result = await actions.SetDoneAsync(Team.TeamId, actionId, UserId, Team.IsManager, done.Value, today, cancellationToken);
        switch (result)
        {
            case ActionDoneResult.NotFound:
                return NotFound();
            case ActionDoneResult.NotYours:
                // Forbid() would challenge the cookie scheme, whose "access denied" is the sign-in page.
                return StatusCode(StatusCodes.Status403Forbidden);
        }

        var id = int.Parse(actionId, System.Globalization.CultureInfo.InvariantCulture);
        var text = await db.MeetingActions.Where(a => a.Id == id && a.TeamId == Team.TeamId).Select(a => a.Text).SingleOrDefaultAsync(cancellationToken);
        TempData["Message"] = done.Value ? $"Done: {text}" : $"Open again: {text}";
        return Url.IsSafe(returnUrl)
            ? LocalRedirect(returnUrl!)
            : RedirectToPage("/Teams/Actions", new { teamId = Team.TeamId });
    }
}
