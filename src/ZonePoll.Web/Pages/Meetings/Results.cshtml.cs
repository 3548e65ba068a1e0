using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// The meeting as a rep sees it on their phone: before the reveal only whether they are in; after it the team's tally
/// (<see cref="TallySnapshot.ForRep"/>, the one rule for what reps see) and their own customers' moves and drops.
/// A manager opening it sees the same team view, labelled as the reps' view, to check what reps get before sharing
/// it; their own dashboard stays at /meetings/{id}. Once revealed, anyone in the meeting adds the actions agreed.
/// </summary>
[ForMeetingMembers]
public sealed class ResultsModel(ZonePollDbContext db, TallyCache cache, MeetingActions actions, LocalTime localTime, TimeProvider clock)
    : PageModel
{
    public MeetingAccessResult Meeting => HttpContext.Meeting();

    public RepResults Results { get; private set; } = null!;

    /// <summary>The "Add an action" form: only after the reveal, while the meeting is open.</summary>
    public ActionFormView? ActionForm { get; private set; }

    /// <summary>Why a posted action was refused as a whole, shown even where the form is not (a crafted post before the reveal).</summary>
    public string? ActionProblem { get; private set; }

    /// <summary>The caller's own actions in this meeting, with the customer the team's view leaves out.</summary>
    public IReadOnlySet<int> OwnActions { get; private set; } = new HashSet<int>();

    public IReadOnlyDictionary<int, string> OwnActionCustomers { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(null, null, cancellationToken) ? Page() : NotFound();

    /// <summary>A rep names only the customers on their own list; the service refuses before the reveal or once locked.</summary>
    public async Task<IActionResult> OnPostAddActionAsync(
        string? actionText, string? actionOwner, string? actionDue, string? actionCustomer, string? actionPrompt, CancellationToken cancellationToken)
    {
        var form = ActionPosts.Form(actionText, actionOwner, actionDue, actionCustomer, actionPrompt);
        var userId = User.GetUserId();
        var otherRep = !string.IsNullOrWhiteSpace(actionOwner) && !(await RepOwnersAsync(userId, cancellationToken)).Contains(actionOwner.Trim());
        var check = Meeting.IsManager ? new ActionCheck(null, [new ActionFieldError("", ManagerPreview)])
            : otherRep ? new ActionCheck(null, [new ActionFieldError(nameof(Web.Meetings.ActionForm.OwnerId), OtherRepOwner)])
            : await actions.AddAsync(Meeting, userId, form, await TodayAsync(cancellationToken), cancellationToken);
        if (check.IsValid)
        {
            TempData["Message"] = "Action added.";
            return RedirectToPage(null, null, new { id = Meeting.MeetingId }, "actions");
        }

        if (!await LoadAsync(form, check, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The owner ticks their own action; another rep's is refused with 403 and stays as it was.</summary>
    public async Task<IActionResult> OnPostActionDoneAsync(string? actionId, bool done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await actions.SetDoneAsync(
            Meeting.TeamId, actionId ?? "", User.GetUserId(), Meeting.IsManager, done, await TodayAsync(cancellationToken), cancellationToken);
        switch (result)
        {
            case ActionDoneResult.NotFound:
                return NotFound();
            case ActionDoneResult.NotYours:
                // Forbid() would challenge the cookie scheme, whose "access denied" is the sign-in page.
                return StatusCode(StatusCodes.Status403Forbidden);
        }

        TempData["Message"] = ActionPosts.Done(done);
        return RedirectToPage(null, null, new { id = Meeting.MeetingId }, "actions");
    }

    /// <summary>A manager's preview holds no form: the team's customers and members are on the dashboard, not here.</summary>
    public const string ManagerPreview = "Reps add the actions they agree here; add yours on the meeting dashboard.";

    private const string OtherRepOwner = "Pick yourself or a manager: the manager gives actions to other reps from the meeting dashboard.";

    /// <summary>
    /// Whom the reps' page offers as owner: the caller or a manager. It names no other rep (RepResultsTests), a manager's
    /// preview included, so actions for other reps are given from the dashboard, which sees the whole team.
    /// </summary>
    private async Task<HashSet<string>> RepOwnersAsync(string userId, CancellationToken cancellationToken)
    {
        var managers = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == Meeting.TeamId && m.Role == TeamRole.Manager)
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken);
        return [userId, .. managers];
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) => (await localTime.ForAsync(User, cancellationToken)).Today(clock);

    private async Task<bool> LoadAsync(ActionForm? posted, ActionCheck? refused, CancellationToken cancellationToken)
    {
        var meeting = Meeting;
        var userId = User.GetUserId();
        var repId = meeting.IsManager ? null : userId;
        if (await RepResultsQuery.LoadAsync(db, cache, meeting, repId, cancellationToken) is not { } results)
        {
            return false;
        }

        Results = results;
        // Where no form comes back to hold the errors, the first one is said above the list.
        ActionProblem = refused?.ErrorFor("") ?? (refused is { Errors: [var first, ..] } ? first.Message : null);
        if (!results.Revealed)
        {
            return true;
        }

        var own = await db.MeetingActions.AsNoTracking()
            .Where(a => a.MeetingId == meeting.MeetingId && a.OwnerId == userId)
            .Select(a => new { a.Id, Customer = a.Customer == null ? null : a.Customer.Name })
            .ToListAsync(cancellationToken);
        OwnActions = own.Select(a => a.Id).ToHashSet();
        OwnActionCustomers = own.Where(a => a.Customer is not null).ToDictionary(a => a.Id, a => a.Customer!);
        if (meeting.Status == MeetingStatus.Open && !meeting.IsManager)
        {
            var options = await actions.OptionsAsync(meeting, userId, await TodayAsync(cancellationToken), cancellationToken);
            var owners = await RepOwnersAsync(userId, cancellationToken);
            options = options with { Owners = [.. options.Owners.Where(o => owners.Contains(o.Value))] };

            ActionForm = new ActionFormView(options, userId, posted, refused);
            ActionProblem = null;
        }

        return true;
    }
}
