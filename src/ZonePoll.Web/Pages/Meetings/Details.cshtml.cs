using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Chat;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

[ForMeetingMembers(MemberRole.Manager)]
public sealed class DetailsModel(
    ZonePollDbContext db,
    TallyCache cache,
    MeetingChanges changes,
    ProjectorSwitches switches,
    MeetingOpenedEmails openedEmails,
    TeamChat teamChat,
    MeetingActions actions,
    LocalTime localTime,
    TimeProvider clock)
    : PageModel
{
    public MeetingAccessResult Meeting => HttpContext.Meeting();

    // The meeting the membership rule checked; a posted or queried "id" never reaches a handler.
    private int Id => Meeting.MeetingId;

    // Another tab removed it, or the post named a prompt of some other meeting: either way nothing here changed.
    private const string PromptGone = "That prompt is no longer on this meeting, so nothing changed.";
    public IReadOnlyList<SubmissionView> Submissions { get; private set; } = [];
    public IReadOnlyList<PromptView> Prompts { get; private set; } = [];
    public TallySnapshot Tally { get; private set; } = null!;

    /// <summary>Whether reps may download the handout after the reveal.</summary>
    public bool HandoutForReps { get; private set; }

    /// <summary>The prompt whose edit was refused, with the text as typed.</summary>
    public int? FailedPromptId { get; private set; }
    public string? FailedPromptText { get; private set; }
    public string? FailedPromptShow { get; private set; }
    public string? PromptError { get; private set; }

    /// <summary>Set when the refusal was of the "show" choice rather than the wording: the error goes beside the list.</summary>
    public string? PromptShowError { get; private set; }

    /// <summary>A prompt form's "show beside it" list, with what a refused post chose when it was this form's.</summary>
    public PromptShowField ShowField(string id, PromptData current, bool failed) =>
        new(id, current, failed ? FailedPromptShow : null, failed ? PromptShowError : null);

    public int RepsIn => Submissions.Count(s => s.Entries > 0);

    /// <summary>The "Add an action" form, with what a refused post sent; null once the meeting is locked.</summary>
    public ActionFormView? ActionForm { get; private set; }

    public sealed record SubmissionView(string RepName, int Entries, DateTimeOffset? SavedAt);

    public sealed record PromptView(int Id, int Position, string Text, PromptData Show);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(MeetingStatus? status, CancellationToken cancellationToken)
    {
        // Buttons post these; anything else (a missing one too, which would bind as Draft) is not a person's typing.
        if (!ModelState.IsValid || status is null || !Enum.IsDefined(status.Value))
        {
            return BadRequest();
        }

        var emailed = 0;
        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            // Reps hear of an opening once, in its own commit; reopening a locked meeting is an opening too.
            var opening = status == MeetingStatus.Open
                && await db.Meetings.AnyAsync(m => m.Id == Id && m.Status != MeetingStatus.Open, cancellationToken);
            await db.Meetings.Where(m => m.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status.Value), cancellationToken);
            emailed = opening ? await openedEmails.AddAsync(db, Request, Id, cancellationToken) : 0;
            if (opening)
            {
                await teamChat.MeetingOpenedAsync(db, Request, Id, cancellationToken);
            }

            await change.CommitAsync(new TallyChange.Meeting(Id), cancellationToken);
        }

        openedEmails.Committed();
        teamChat.Committed();
        TempData["Message"] = status switch
        {
            MeetingStatus.Open => "The meeting is open: reps can fill in and change their worksheets." + openedEmails.Sent(emailed),
            MeetingStatus.Locked => "The meeting is locked: worksheets can no longer change.",
            _ => "The meeting is back to draft: reps cannot fill in worksheets until you open it.",
        };
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostAddPromptAsync(
        [FreeText(TextKind.Multiline, Subject = "The prompt")] string? text, PromptData? promptData, CancellationToken cancellationToken)
    {
        if (await RejectPromptAsync(0, text, promptData, cancellationToken) is { } rejected)
        {
            return rejected;
        }

        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            var position = await db.MeetingPrompts.Where(p => p.MeetingId == Id).MaxAsync(p => (int?)p.Position, cancellationToken) + 1 ?? 0;
            db.MeetingPrompts.Add(new MeetingPrompt { MeetingId = Id, Position = position, Text = text!.Trim(), Show = promptData ?? PromptData.Tally });
            await change.CommitAsync(new TallyChange.Meeting(Id), cancellationToken);
        }

        TempData["Message"] = "Prompt added.";
        return RedirectToPage(null, null, new { id = Id }, "prompts");
    }

    public async Task<IActionResult> OnPostUpdatePromptAsync(
        int promptId, [FreeText(TextKind.Multiline, Subject = "The prompt")] string? text, PromptData? promptData, CancellationToken cancellationToken)
    {
        if (await RejectPromptAsync(promptId, text, promptData, cancellationToken) is { } rejected)
        {
            return rejected;
        }

        var trimmed = text!.Trim();
        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            // A form without the list (an older page) keeps what the prompt showed.
            var changed = await db.MeetingPrompts.Where(p => p.Id == promptId && p.MeetingId == Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Text, trimmed).SetProperty(p => p.Show, p => promptData ?? p.Show), cancellationToken);
            if (changed == 0)
            {
                TempData["Message"] = PromptGone;
                return RedirectToPage(null, null, new { id = Id }, "prompts");
            }

            await change.CommitAsync(new TallyChange.Meeting(Id), cancellationToken);
        }

        TempData["Message"] = "Prompt saved.";
        return RedirectToPage(null, null, new { id = Id }, "prompts");
    }

    public async Task<IActionResult> OnPostMovePromptAsync(int promptId, int direction, CancellationToken cancellationToken)
    {
        Prompts = await PromptsAsync(cancellationToken);
        var index = Prompts.ToList().FindIndex(p => p.Id == promptId);
        var other = index + Math.Sign(direction);
        if (index >= 0 && other >= 0 && other < Prompts.Count && other != index)
        {
            var a = Prompts[index];
            var b = Prompts[other];
            await using var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken);
            await db.MeetingPrompts.Where(p => p.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, b.Position), cancellationToken);
            await db.MeetingPrompts.Where(p => p.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, a.Position), cancellationToken);
            await change.CommitAsync(new TallyChange.Meeting(Id), cancellationToken);
        }

        return RedirectToPage(null, null, new { id = Id }, "prompts");
    }

    public async Task<IActionResult> OnPostRemovePromptAsync(int promptId, CancellationToken cancellationToken)
    {
        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            if (await db.MeetingPrompts.Where(p => p.Id == promptId && p.MeetingId == Id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                TempData["Message"] = PromptGone;
                return RedirectToPage(null, null, new { id = Id }, "prompts");
            }

            await change.CommitAsync(new TallyChange.Meeting(Id), cancellationToken);
        }

        TempData["Message"] = "Prompt removed.";
        return RedirectToPage(null, null, new { id = Id }, "prompts");
    }

    /// <summary>Shows or hides the numbers on the projector; the room should not anchor on the first few saves.</summary>
    public Task<IActionResult> OnPostRevealAsync(bool revealed, string? returnTo, CancellationToken cancellationToken) =>
        SetProjectorAsync(returnTo, () => switches.RevealAsync(db, Meeting, revealed, cancellationToken));

    /// <summary>Customer names stay off the projector unless the manager turns them on for this meeting.</summary>
    public Task<IActionResult> OnPostCustomerNamesAsync(bool show, string? returnTo, CancellationToken cancellationToken) =>
        SetProjectorAsync(returnTo, () => switches.CustomerNamesAsync(db, Meeting, show, cancellationToken));

    /// <summary>Lets reps download the handout (team totals only, see the handout endpoint) once the numbers are revealed.</summary>
    public async Task<IActionResult> OnPostHandoutForRepsAsync(bool share, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        await db.Meetings.Where(m => m.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.HandoutForReps, share), cancellationToken);
        TempData["Message"] = share
            ? "Reps can download the handout from their results page once the numbers are revealed."
            : "Reps can no longer download the handout.";
        return RedirectToPage(null, null, new { id = Id }, "projector");
    }

    /// <summary>Adds what the room agreed; a refusal comes back with every value as typed, each error beside its field.</summary>
    public async Task<IActionResult> OnPostAddActionAsync(
        string? actionText, string? actionOwner, string? actionDue, string? actionCustomer, string? actionPrompt, CancellationToken cancellationToken)
    {
        var form = ActionPosts.Form(actionText, actionOwner, actionDue, actionCustomer, actionPrompt);
        var check = await actions.AddAsync(Meeting, User.GetUserId(), form, await TodayAsync(cancellationToken), cancellationToken);
        if (check.IsValid)
        {
            TempData["Message"] = "Action added.";
            return RedirectToPage(null, null, new { id = Id }, "actions");
        }

        await LoadViewAsync(cancellationToken, form, check);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Ticks an action of the team done, or opens it again; the id posted is looked up inside the checked team.</summary>
    public async Task<IActionResult> OnPostActionDoneAsync(string? actionId, bool done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await actions.SetDoneAsync(
            Meeting.TeamId, actionId ?? "", User.GetUserId(), Meeting.IsManager, done, await TodayAsync(cancellationToken), cancellationToken);
        if (result != ActionDoneResult.Saved)
        {
            return NotFound();
        }

        TempData["Message"] = ActionPosts.Done(done);
        return RedirectToPage(null, null, new { id = Id }, "actions");
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) => (await localTime.ForAsync(User, cancellationToken)).Today(clock);

    // The same switches as the hub's remote commands (ProjectorSwitches), so there is one way to flip them.
    private async Task<IActionResult> SetProjectorAsync(string? returnTo, Func<Task<bool>> set)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return await set() ? BackTo(returnTo) : StatusCode(StatusCodes.Status409Conflict);
    }

    private RedirectToPageResult BackTo(string? returnTo) =>
        returnTo == "present" ? RedirectToPage("/Meetings/Present", new { id = Id }) : RedirectToPage(null, null, new { id = Id }, "projector");

    private async Task<PageResult?> RejectPromptAsync(int promptId, string? text, PromptData? promptData, CancellationToken cancellationToken)
    {
        var trimmed = text?.Trim() ?? "";
        // It comes from a list; anything else (a number past its end, a word) is refused beside the list, the wording kept.
        PromptShowError = (ModelState.TryGetValue(nameof(promptData), out var showEntry) && showEntry.Errors.Count > 0)
            || (promptData is { } chosen && !Enum.IsDefined(chosen))
            ? "Pick what the projector shows beside this prompt from the list."
            : null;
        PromptError = trimmed.Length switch
        {
            0 => "Write the prompt, or remove it.",
            > MeetingPrompt.TextMaxLength => LengthLimitAttribute.Message("a prompt", MeetingPrompt.TextMaxLength, trimmed.Length),
            // What the text rule ([FreeText] on the handler's parameter) found.
            _ => ModelState.TryGetValue(nameof(text), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null,
        };
        if (PromptError is null && PromptShowError is null)
        {
            return null;
        }

        (FailedPromptId, FailedPromptText, FailedPromptShow) = (promptId, text, Request.Form[nameof(promptData)].ToString());
        await LoadViewAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadViewAsync(CancellationToken cancellationToken, ActionForm? postedAction = null, ActionCheck? refusedAction = null)
    {
        Submissions = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == Meeting.TeamId && m.Role == TeamRole.Rep)
            .Select(m => new
            {
                m.User!.DisplayName,
                Worksheet = db.Worksheets.Where(w => w.MeetingId == Id && w.RepId == m.UserId)
                    .Select(w => new { Count = w.Entries.Count, w.UpdatedAt })
                    .FirstOrDefault(),
            })
            .OrderBy(s => s.DisplayName)
            .Select(s => new SubmissionView(s.DisplayName, s.Worksheet == null ? 0 : s.Worksheet.Count, s.Worksheet == null ? null : s.Worksheet.UpdatedAt))
            .ToListAsync(cancellationToken);
        Prompts = await PromptsAsync(cancellationToken);
        Tally = (await cache.GetAsync(Id, Meeting.TallyVersion, cancellationToken))!.Manager;
        HandoutForReps = await db.Meetings.Where(m => m.Id == Id).Select(m => m.HandoutForReps).SingleAsync(cancellationToken);
        // Once locked the form goes, unless it comes back to say why a post was refused.
        if (Meeting.Status != MeetingStatus.Locked || refusedAction is not null)
        {
            var userId = User.GetUserId();
            var options = await actions.OptionsAsync(Meeting, userId, await TodayAsync(cancellationToken), cancellationToken);
            ActionForm = new ActionFormView(options, userId, postedAction, refusedAction);
        }
    }

    private Task<List<PromptView>> PromptsAsync(CancellationToken cancellationToken) =>
        db.MeetingPrompts.AsNoTracking()
            .Where(p => p.MeetingId == Id)
            .OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new PromptView(p.Id, p.Position, p.Text, p.Show))
            .ToListAsync(cancellationToken);
}

/// <summary>
/// The "show beside it" list of one prompt form: <paramref name="Posted"/> is what a refused post sent, kept as typed.
/// </summary>
public sealed record PromptShowField(string Id, PromptData Current, string? Posted, string? Error);
