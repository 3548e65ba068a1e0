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
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>
/// One follow-up: tick Clarify, Fix, Follow up with a date and a note, move the due date, and (managers) hand it to
/// another member. Its owner and the team's managers may see it; anyone else gets 404, a rep changing the owner 403.
/// </summary>
[ForFollowUpMembers]
public sealed class EditModel(ZonePollDbContext db, TimeProvider clock, TallyNotifier notifier) : PageModel
{
    public sealed class StepInput
    {
        public string? Done { get; set; }
        public string? On { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Header(
        int Id,
        int TeamId,
        string TeamName,
        int CustomerId,
        string Customer,
        string OwnerId,
        string Owner,
        FollowUpCause Cause,
        DateOnly OpenedOn,
        DateOnly DueOn,
        DateOnly? ClarifiedOn,
        string? ClarifyNote,
        DateOnly? FixedOn,
        string? FixNote,
        DateOnly? FollowedUpOn,
        string? FollowUpNote,
        DateTimeOffset? ClosedAt,
        FollowUpClosure? Closure,
        DropReason? DropReason,
        int Version)
    {
        public DateOnly? DoneOn(FollowUpStep step) => step switch { FollowUpStep.Clarify => ClarifiedOn, FollowUpStep.Fix => FixedOn, _ => FollowedUpOn };

        public string? NoteOf(FollowUpStep step) => step switch { FollowUpStep.Clarify => ClarifyNote, FollowUpStep.Fix => FixNote, _ => FollowUpNote };
    }

    public sealed record HistoryLine(DateTimeOffset At, string? Who, string Text);

    public sealed record Member(string Id, string Name, TeamRole Role);

    [BindProperty]
    public List<StepInput> Steps { get; set; } = [];

    [BindProperty]
    public string? DueOn { get; set; }

    [BindProperty]
    public string? OwnerId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public Header FollowUp { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public bool IsManager => HttpContext.FollowUp().IsManager;

    public bool IsOpen => FollowUp.ClosedAt is null;

    public FollowUpTimes Times => FollowUpClock.Times(
        FollowUp.OpenedOn,
        FollowUpClock.FirstResponse(FollowUp.ClarifiedOn, FollowUp.FixedOn, FollowUp.FollowedUpOn),
        FollowUp.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime) : null,
        Today);

    // Access was decided by the membership rule; this only loads what every handler shows.
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var access = HttpContext.FollowUp();
        FollowUp = await LoadAsync(access.FollowUpId, HttpContext.RequestAborted);
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
        await LoadListsAsync(FollowUp.Id, cancellationToken);
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
        await LoadListsAsync(FollowUp.Id, cancellationToken);
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

        var done = new DateOnly?[Steps.Count];
        var notes = new string?[Steps.Count];
        for (var i = 0; i < Steps.Count; i++)
        {
            (done[i], notes[i]) = CheckStep(i, Steps[i]);
        }

        var due = CheckDueOn();
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
        var changes = Describe(followUp, done, notes, due!.Value, owner!);
        if (changes.Count == 0)
        {
            TempData["Message"] = "Nothing had changed, so nothing was saved.";
            return RedirectToPage(new { followUpId = FollowUp.Id });
        }

        (followUp.ClarifiedOn, followUp.FixedOn, followUp.FollowedUpOn) = (done[0], done[1], done[2]);
        (followUp.ClarifyNote, followUp.FixNote, followUp.FollowUpNote) = (notes[0], notes[1], notes[2]);
        (followUp.DueOn, followUp.OwnerId) = (due.Value, owner!);
        var now = clock.GetUtcNow();
        if (followUp.FollowedUpOn is not null)
        {
            // The last step done closes it: the customer was checked on, and it is resolved.
            (followUp.ClosedAt, followUp.Closure) = (now, FollowUpClosure.FollowedUp);
            changes.Add("Closed: followed up.");
        }

        followUp.Version++;
        followUp.History.AddRange(changes.Select(text => new FollowUpChange { At = now, UserId = userId, Text = text }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            FollowUp = await LoadAsync(FollowUp.Id, cancellationToken);
            Version = FollowUp.Version;
            await LoadListsAsync(FollowUp.Id, cancellationToken);
            ModelState.AddModelError(string.Empty,
                "This follow-up was changed elsewhere after you opened it (see the history below). Nothing was saved; your input is below. Save again to keep it.");
            return ShowBack(StatusCodes.Status409Conflict);
        }

        await notifier.TeamChangedAsync(db, FollowUp.TeamId, cancellationToken);
        TempData["Message"] = followUp.ClosedAt is null ? "Saved." : "Saved and closed: well done.";
        return RedirectToPage(new { followUpId = FollowUp.Id });
    }

    private (DateOnly? Done, string? Note) CheckStep(int i, StepInput input)
    {
        var name = FollowUpStepStyle.All[i].Name;
        var note = input.Note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        note = string.IsNullOrEmpty(note) ? null : note;
        if (note is not null && note.Length > Web.FollowUps.FollowUp.NoteMaxLength)
        {
            ModelState.AddModelError($"Steps[{i}].Note", $"Keep the note to {Web.FollowUps.FollowUp.NoteMaxLength} characters (this one has {note.Length}).");
        }
        else if (note is not null && TextRules.Problem(note, TextKind.Multiline) is { } problem)
        {
            ModelState.AddModelError($"Steps[{i}].Note", $"The note {problem}; type it again without one.");
        }

        if (input.Done is not (null or "" or "true" or "false"))
        {
            ModelState.AddModelError($"Steps[{i}].Done", $"Tick or clear \"{name}\".");
            return (null, note);
        }

        var ticked = input.Done == "true";
        if (string.IsNullOrWhiteSpace(input.On))
        {
            // Ticked without a date: done today.
            return (ticked ? Today : null, note);
        }

        if (!DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            ModelState.AddModelError($"Steps[{i}].On", $"Give the date {name} was done as a date, such as {Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
        }
        else if (!ticked)
        {
            ModelState.AddModelError($"Steps[{i}].On", $"Tick \"{name}\" as done, or clear its date.");
        }
        else if (on > Today)
        {
            ModelState.AddModelError($"Steps[{i}].On", $"{name} cannot be done in the future: give today's date or an earlier one.");
        }
        else if (on < FollowUp.OpenedOn)
        {
            ModelState.AddModelError($"Steps[{i}].On", $"{name} cannot be done before the customer was placed here on {FollowUp.OpenedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
        }
        else
        {
            return (on, note);
        }

        return (null, note);
    }

    private DateOnly? CheckDueOn()
    {
        if (string.IsNullOrWhiteSpace(DueOn) || !DateOnly.TryParseExact(DueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            ModelState.AddModelError(nameof(DueOn), "Give a due date, such as " + FollowUpClock.AddWorkingDays(Today, FollowUpClock.DefaultDueWorkingDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".");
            return null;
        }

        if (due < FollowUp.OpenedOn)
        {
            ModelState.AddModelError(nameof(DueOn), $"The due date cannot be before the meeting, {FollowUp.OpenedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
            return null;
        }

        if (due > Today.AddYears(1))
        {
            ModelState.AddModelError(nameof(DueOn), "Keep the due date within a year: a customer in Recovery cannot wait that long.");
            return null;
        }

        return due;
    }

    private List<string> Describe(Web.FollowUps.FollowUp current, DateOnly?[] done, string?[] notes, DateOnly due, string owner)
    {
        var changes = new List<string>();
        var wasDone = new[] { current.ClarifiedOn, current.FixedOn, current.FollowedUpOn };
        var wasNote = new[] { current.ClarifyNote, current.FixNote, current.FollowUpNote };
        for (var i = 0; i < done.Length; i++)
        {
            var name = FollowUpStepStyle.All[i].Name;
            if (done[i] != wasDone[i])
            {
                changes.Add(done[i] is { } on ? $"{name}: done {Day(on)}." : $"{name}: no longer done.");
            }

            if (notes[i] != wasNote[i])
            {
                changes.Add(notes[i] is null ? $"{name}: note cleared." : $"{name} note: “{notes[i]}”");
            }
        }

        if (due != current.DueOn)
        {
            changes.Add($"Due date moved from {Day(current.DueOn)} to {Day(due)}.");
        }

        if (owner != current.OwnerId)
        {
            changes.Add($"Handed to {Members.First(m => m.Id == owner).Name}.");
        }

        return changes;
    }

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private PageResult ShowBack(int statusCode)
    {
        Response.StatusCode = statusCode;
        return Page();
    }

    private async Task LoadListsAsync(int id, CancellationToken cancellationToken)
    {
        History = await db.FollowUpChanges.AsNoTracking()
            .Where(c => c.FollowUpId == id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new HistoryLine(c.At, c.User!.DisplayName, c.Text))
            .ToListAsync(cancellationToken);
        Members = IsManager
            ? await db.TeamMembers.AsNoTracking()
                .Where(m => m.TeamId == FollowUp.TeamId)
                .OrderBy(m => m.User!.DisplayName)
                .Select(m => new Member(m.UserId, m.User!.DisplayName, m.Role))
                .ToListAsync(cancellationToken)
            : [];
    }

    private Task<Header> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.FollowUps.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new Header(
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
                f.Version))
            .SingleAsync(cancellationToken);
}
