using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>
/// One follow-up: tick Clarify, Fix, Follow up with a date and a note, move the due date, and (managers) hand it to
/// another member. Its owner and the team's managers may see it; anyone else gets 404, a rep changing the owner 403.
/// The rules are <see cref="FollowUpEditRules"/>; this binds, loads through <see cref="FollowUpQuery"/> and saves.
/// </summary>
[ForFollowUpMembers]
public sealed class EditModel(ZonePollDbContext db, TimeProvider clock, MeetingChanges meetingChanges, LocalTime localTime) : PageModel
{
    private readonly FollowUpQuery _query = new(db);

    public sealed class StepInput
    {
        public string? Done { get; set; }
        public string? On { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty]
    public List<StepInput> Steps { get; set; } = [];

    [BindProperty]
    public string? DueOn { get; set; }

    [BindProperty]
    public string? OwnerId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public FollowUpHeader FollowUp { get; private set; } = null!;

    public IReadOnlyList<FollowUpHistoryLine> History { get; private set; } = [];

    public IReadOnlyList<FollowUpMember> Members { get; private set; } = [];

    /// <summary>Why the customer is here, from the latest worksheets that list them (a rep sees only their own).</summary>
    public IReadOnlyList<FollowUpContextEntry> Context { get; private set; } = [];

    /// <summary>What the team agreed to do about the customer in its meetings: a rep sees the actions they own.</summary>
    public IReadOnlyList<FollowUpAction> Actions { get; private set; } = [];

    /// <summary>The person's own time zone, or UTC until their browser has said.</summary>
    public LocalZone Zone { get; private set; } = LocalZone.Utc;

    public DateOnly Today => Zone.Today(clock);

    public bool IsManager => HttpContext.FollowUp().IsManager;

    public bool IsOpen => FollowUp.ClosedAt is null;

    public FollowUpTimes Times => FollowUpClock.Times(
        FollowUp.OpenedOn,
        FollowUpClock.FirstResponse(FollowUp.ClarifiedOn, FollowUp.FixedOn, FollowUp.FollowedUpOn),
        FollowUp.ClosedAt is { } closed ? DateOnly.FromDateTime(Zone.ToLocal(closed).DateTime) : null,
        Today);

    // Access was decided by the membership rule; this only loads what every handler shows.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var access = HttpContext.FollowUp();
        FollowUp = await _query.HeaderAsync(access.FollowUpId, HttpContext.RequestAborted);
        Zone = await localTime.ForAsync(User, HttpContext.RequestAborted);
        await next();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Steps = [.. FollowUpStepStyle.All.Select(s => new StepInput
        {
            Done = FollowUp.DoneOn(s.Step) is null ? null : "true",
            On = FollowUp.DoneOn(s.Step)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Note = FollowUp.NoteOf(s.Step),
        })];
        DueOn = FollowUp.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        OwnerId = FollowUp.OwnerId;
        Version = FollowUp.Version;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        if (!IsManager && OwnerId is not null && OwnerId != FollowUp.OwnerId)
        {
            // Forbid() would challenge the cookie scheme, whose "access denied" is the sign-in page: the rep would look signed out.
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // Every field but Version is a string that always binds; only the checks below speak.
        var damaged = ModelState.TryGetValue(nameof(Version), out var version) && version.Errors.Count > 0;
        ModelState.Clear();
        Steps = [.. Enumerable.Range(0, FollowUpStepStyle.All.Count).Select(i => i < Steps.Count ? Steps[i] ?? new StepInput() : new StepInput())];
        await LoadListsAsync(cancellationToken);
        if (!IsOpen)
        {
            ModelState.AddModelError(string.Empty, "This follow-up is closed, so it can no longer change. Nothing was saved.");
            return ShowBack(StatusCodes.Status409Conflict);
        }

        if (damaged)
        {
            // Only a crafted or damaged post gets here; take the current version so saving again keeps this input.
            Version = FollowUp.Version;
            ModelState.AddModelError(string.Empty, "The form arrived damaged, so nothing was saved. Your input is below: check it and save again.");
            return ShowBack(StatusCodes.Status422UnprocessableEntity);
        }

        var check = FollowUpEditRules.Check([.. Steps.Select(s => new StepForm(s.Done, s.On, s.Note))], DueOn, FollowUp.Edit, FollowUp.OpenedOn, Today);
        foreach (var error in check.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        var owner = OwnerId is null || OwnerId == FollowUp.OwnerId ? FollowUp.OwnerId : Members.FirstOrDefault(m => m.Id == OwnerId)?.Id;
        if (owner is null)
        {
            ModelState.AddModelError(nameof(OwnerId), "Choose someone on the team.");
        }

        if (!ModelState.IsValid)
        {
            return ShowBack(StatusCodes.Status422UnprocessableEntity);
        }

        var followUp = await db.FollowUps.SingleAsync(f => f.Id == FollowUp.Id, cancellationToken);
        db.Entry(followUp).Property(f => f.Version).OriginalValue = Version;
        var before = new FollowUpEdit(
            [new(followUp.ClarifiedOn, followUp.ClarifyNote), new(followUp.FixedOn, followUp.FixNote), new(followUp.FollowedUpOn, followUp.FollowUpNote)],
            followUp.DueOn,
            followUp.OwnerId);
        var after = new FollowUpEdit(check.Steps, check.DueOn!.Value, owner!);
        var changes = FollowUpEditRules.Describe(before, after, Members.FirstOrDefault(m => m.Id == owner)?.Name, check.DueMovedAfter);
        if (changes.Count == 0)
        {
            TempData["Message"] = "Nothing had changed, so nothing was saved.";
            return RedirectToPage(new { followUpId = FollowUp.Id });
        }

        (followUp.ClarifiedOn, followUp.FixedOn, followUp.FollowedUpOn) = (after.Steps[0].Done, after.Steps[1].Done, after.Steps[2].Done);
        (followUp.ClarifyNote, followUp.FixNote, followUp.FollowUpNote) = (after.Steps[0].Note, after.Steps[1].Note, after.Steps[2].Note);
        (followUp.DueOn, followUp.OwnerId) = (after.DueOn, after.OwnerId);
        var now = clock.GetUtcNow();
        if (followUp.FollowedUpOn is not null)
        {
            // The last step done closes it: the customer was checked on, and it is resolved.
            (followUp.ClosedAt, followUp.Closure) = (now, FollowUpClosure.FollowedUp);
            changes.Add(FollowUpHistoryText.ClosedFollowedUp);
        }

        followUp.Version++;
        followUp.History.AddRange(changes.Select(text => new FollowUpChange { At = now, UserId = userId, Text = text }));
        await using var change = await meetingChanges.BeginAsync(db, FollowUp.TeamId, cancellationToken);
        try
        {
            await change.CommitAsync(new TallyChange.Team(FollowUp.TeamId), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            FollowUp = await _query.HeaderAsync(FollowUp.Id, cancellationToken);
            Version = FollowUp.Version;
            await LoadListsAsync(cancellationToken);
            ModelState.AddModelError(string.Empty,
                "This follow-up was changed elsewhere after you opened it (see the history below). "
                + "Nothing was saved; your input is below. Save again to keep it.");
            return ShowBack(StatusCodes.Status409Conflict);
        }

        TempData["Message"] = followUp.ClosedAt is null ? "Saved." : "Saved and closed: well done.";
        return RedirectToPage(new { followUpId = FollowUp.Id });
    }

    private PageResult ShowBack(int statusCode)
    {
        Response.StatusCode = statusCode;
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        History = await _query.HistoryAsync(FollowUp.Id, cancellationToken);
        Members = IsManager ? await _query.MembersAsync(FollowUp.TeamId, cancellationToken) : [];
        Context = await _query.ContextAsync(FollowUp.TeamId, FollowUp.CustomerId, IsManager ? null : User.GetUserId(), cancellationToken);
        Actions = await _query.ActionsAsync(FollowUp.TeamId, FollowUp.CustomerId, IsManager ? null : User.GetUserId(), cancellationToken);
    }
}
