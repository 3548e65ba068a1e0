using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// Fixes what was typed wrong: a meeting's title and date (until it is locked), or the whole meeting. The date decides
/// which meeting is "previous" to which (carry-forward, movement, churn, trend), so a new date moves every meeting of
/// the team's tally in the same commit, and the follow-ups the meeting's saves opened move their dates with it.
/// </summary>
[ForMeetingMembers(MemberRole.Manager)]
public sealed class EditModel(ZonePollDbContext db, MeetingChanges changes, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public MeetingAccessResult Meeting => HttpContext.Meeting();

    private int Id => Meeting.MeetingId;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public bool Locked => Meeting.Status == MeetingStatus.Locked;

    /// <summary>What deleting the meeting takes with it.</summary>
    public MeetingContents Contents { get; private set; } = null!;

    /// <summary>The title typed to confirm a delete, kept when it did not match.</summary>
    public string? ConfirmTitle { get; private set; }

    public string? DeleteError { get; private set; }

    public sealed class InputModel
    {
        [LengthLimit(Web.Meetings.Meeting.TitleMaxLength, "the title")]
        [FreeText(TextKind.Name, Subject = "The title")]
        public string? Title { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? Date { get; set; }
    }

    /// <param name="Worksheets">Worksheets with a list (entries or drop reasons).</param>
    /// <param name="Entries">Customers on those lists.</param>
    /// <param name="Drops">Drop reasons given.</param>
    /// <param name="Prompts">The meeting's prompts.</param>
    /// <param name="FollowUpsRemoved">Follow-ups its saves opened that nobody has worked on: they go with it.</param>
    /// <param name="FollowUpsKept">Follow-ups its saves opened with work on them: the work stays.</param>
    /// <param name="Customers">Customers on no other list and with no follow-up left: their names leave "Did you mean" too.</param>
    public sealed record MeetingContents(int Worksheets, int Entries, int Drops, int Prompts, int FollowUpsRemoved, int FollowUpsKept, int Customers)
    {
        /// <summary>A meeting with saved lists is deleted only after its title is typed: they are reps' work.</summary>
        public bool NeedsTypedTitle => Worksheets > 0;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { Title = Meeting.Title, Date = Meeting.Date };
        Contents = await ContentsAsync(cancellationToken);
        return Page();
    }

    /// <summary>Renames or re-dates the meeting.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var title = Input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            ModelState.AddModelError("Input.Title", "Give the meeting a title.");
        }

        if (Input.Date is not { } date)
        {
            if (!ModelState.ContainsKey("Input.Date") || ModelState["Input.Date"]!.Errors.Count == 0)
            {
                ModelState.AddModelError("Input.Date", "Pick the meeting's date.");
            }
        }
        else if ((Web.Meetings.Meeting.DateProblem(date, Today)
            ?? await MeetingDates.ClashAsync(db, Meeting.TeamId, Id, date, cancellationToken)) is { } problem)
        {
            ModelState.AddModelError("Input.Date", problem);
        }

        if (Locked)
        {
            ModelState.AddModelError(string.Empty, "The meeting is locked: open it again to change its title or date.");
        }

        if (!ModelState.IsValid)
        {
            return await RefusedAsync(cancellationToken);
        }

        var newDate = Input.Date!.Value;
        var moved = 0;
        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            // Under the team's lock: the status and date as they are now, not as the membership check read them.
            var now = await db.Meetings.Where(m => m.Id == Id).Select(m => new { m.Status, m.Date }).SingleAsync(cancellationToken);
            if (now.Status == MeetingStatus.Locked)
            {
                ModelState.AddModelError(string.Empty, "The meeting was locked meanwhile: open it again to change its title or date.");
                return await RefusedAsync(cancellationToken);
            }

            // A title left as proposed ("Team · 10 December 2026") names the old day after a move: it follows the date.
            if (now.Date != newDate && title == TeamCadences.TitleFor(Meeting.TeamName, now.Date, Web.Meetings.Meeting.TitleMaxLength))
            {
                title = TeamCadences.TitleFor(Meeting.TeamName, newDate, Web.Meetings.Meeting.TitleMaxLength);
            }

            await db.Meetings.Where(m => m.Id == Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, title).SetProperty(m => m.Date, newDate), cancellationToken);
            if (now.Date != newDate)
            {
                moved = await MoveFollowUpsAsync(now.Date, newDate, cancellationToken);
            }

            // A new date can change which meeting is previous to which: every meeting of the team reads its "since last time"
            // (and carry-forward, churn, the trend) from the order of dates.
            await change.CommitAsync(now.Date == newDate ? new TallyChange.Meeting(Id) : new TallyChange.Team(Meeting.TeamId), cancellationToken);
        }

        TempData["Message"] = newDate == Meeting.Date
            ? "Meeting saved."
            : $"Meeting moved to {newDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."
                + (moved > 0 ? $" The due dates of {moved} follow-up{(moved == 1 ? "" : "s")} it opened moved with it." : "");
        return RedirectToPage("/Meetings/Details", new { id = Id });
    }

    /// <summary>Deletes the meeting; one with saved lists only after its title is typed.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(
        [FreeText(TextKind.Name, Subject = "The title")] string? confirmTitle, CancellationToken cancellationToken)
    {
        ModelState.Remove("Input.Title");
        ModelState.Remove("Input.Date");
        Contents = await ContentsAsync(cancellationToken);
        if (Contents.NeedsTypedTitle && !string.Equals(confirmTitle?.Trim(), Meeting.Title, StringComparison.Ordinal))
        {
            (ConfirmTitle, DeleteError) = (confirmTitle, string.IsNullOrWhiteSpace(confirmTitle)
                ? "Type the meeting's title to delete it with the reps' lists."
                : "That is not the meeting's title: type it exactly as shown to delete the meeting.");
            Input = new InputModel { Title = Meeting.Title, Date = Meeting.Date };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using (var change = await changes.BeginAsync(db, Meeting.TeamId, cancellationToken))
        {
            var unworked = UnworkedFollowUps();
            var removedFollowUps = await unworked.CountAsync(cancellationToken);
            await db.FollowUpChanges.Where(c => unworked.Any(f => f.Id == c.FollowUpId)).ExecuteDeleteAsync(cancellationToken);
            await unworked.ExecuteDeleteAsync(cancellationToken);
            // A follow-up this meeting's saves closed stays closed; no later save here can reopen it now.
            await db.FollowUps.Where(f => f.TeamId == Meeting.TeamId && f.ClosedMeetingId == Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClosedMeetingId, (int?)null).SetProperty(f => f.Version, f => f.Version + 1), cancellationToken);
            if (Contents.Worksheets > 0 || removedFollowUps > 0)
            {
                // Later lists were read against this one's: their next save reconciles every customer's follow-up afresh.
                await db.Meetings.Where(m => m.TeamId == Meeting.TeamId && m.Id != Id && (m.Date > Meeting.Date || (m.Date == Meeting.Date && m.Id > Id)))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.FollowUpsBehind, true), cancellationToken);
            }

            var onlyHere = await OnlyHereAsync(cancellationToken);
            // Prompts, worksheets, their entries and drop reasons go with it (cascades).
            await db.Meetings.Where(m => m.Id == Id).ExecuteDeleteAsync(cancellationToken);
            // A name typed wrong at this meeting alone would otherwise go on being suggested as a known customer.
            await db.Customers.Where(c => c.TeamId == Meeting.TeamId && onlyHere.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            await change.CommitAsync(new TallyChange.Team(Meeting.TeamId), cancellationToken);
        }

        TempData["Message"] = $"\"{Meeting.Title}\" is deleted" + (Contents.Worksheets == 0 ? "." : $", with {Describe(Contents)}.");
        return RedirectToPage("/Teams/Details", new { teamId = Meeting.TeamId });
    }

    /// <summary>What a delete removes, in words.</summary>
    public static string Describe(MeetingContents c) => string.Join(", ", new[]
    {
        Count(c.Worksheets, "rep's list", "reps' lists"),
        Count(c.Entries, "customer entry", "customer entries"),
        Count(c.Drops, "drop reason", "drop reasons"),
        Count(c.FollowUpsRemoved, "follow-up nobody had started", "follow-ups nobody had started"),
        Count(c.Customers, "customer on no other list", "customers on no other list"),
    }.Where(s => s.Length > 0));

    private static string Count(int n, string one, string many) => n switch { 0 => "", 1 => $"1 {one}", _ => $"{n} {many}" };

    private async Task<PageResult> RefusedAsync(CancellationToken cancellationToken)
    {
        Contents = await ContentsAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Follow-ups this meeting's saves opened that nobody has worked on: no step done, no change by a person.</summary>
    private IQueryable<FollowUp> UnworkedFollowUps() =>
        db.FollowUps.Where(f => f.TeamId == Meeting.TeamId && f.OpenedMeetingId == Id
            && f.ClarifiedOn == null && f.FixedOn == null && f.FollowedUpOn == null
            && !f.History.Any(h => h.UserId != null));

    private async Task<MeetingContents> ContentsAsync(CancellationToken cancellationToken)
    {
        var lists = db.Worksheets.Where(w => w.MeetingId == Id && (w.Entries.Any() || w.Drops.Any()));
        var opened = await db.FollowUps.CountAsync(f => f.TeamId == Meeting.TeamId && f.OpenedMeetingId == Id, cancellationToken);
        var unworked = await UnworkedFollowUps().CountAsync(cancellationToken);
        return new MeetingContents(
            await lists.CountAsync(cancellationToken),
            await lists.SelectMany(w => w.Entries).CountAsync(cancellationToken),
            await lists.SelectMany(w => w.Drops).CountAsync(cancellationToken),
            await db.MeetingPrompts.CountAsync(p => p.MeetingId == Id, cancellationToken),
            unworked,
            opened - unworked,
            (await OnlyHereAsync(cancellationToken)).Count);
    }

    /// <summary>
    /// Customers on this meeting's lists and nowhere else: on no other meeting's list or drop reasons, and with no
    /// follow-up but those that go with the meeting.
    /// </summary>
    private Task<List<int>> OnlyHereAsync(CancellationToken cancellationToken)
    {
        var here = db.Worksheets.Where(w => w.MeetingId == Id);
        var elsewhere = db.Worksheets.Where(w => w.MeetingId != Id);
        var unworked = UnworkedFollowUps();
        return db.Customers
            .Where(c => c.TeamId == Meeting.TeamId
                && (here.SelectMany(w => w.Entries).Any(e => e.CustomerId == c.Id) || here.SelectMany(w => w.Drops).Any(d => d.CustomerId == c.Id))
                && !elsewhere.SelectMany(w => w.Entries).Any(e => e.CustomerId == c.Id)
                && !elsewhere.SelectMany(w => w.Drops).Any(d => d.CustomerId == c.Id)
                && !db.FollowUps.Any(f => f.CustomerId == c.Id && !unworked.Any(u => u.Id == f.Id)))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The follow-ups this meeting's saves opened follow its new date (<see cref="MeetingDateMove"/>), each with a line of history.</summary>
    private async Task<int> MoveFollowUpsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var followUps = await db.FollowUps
            .Where(f => f.TeamId == Meeting.TeamId && f.OpenedMeetingId == Id)
            .Select(f => new { f.Id, f.OpenedOn, f.DueOn, OpenedAt = f.History.OrderBy(h => h.At).Select(h => (DateTimeOffset?)h.At).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var at = clock.GetUtcNow();
        var userId = User.GetUserId();
        var moved = 0;
        foreach (var f in followUps)
        {
            // Opened on the earlier of the meeting's date and the save's day; the first line of history is that save.
            var savedOn = f.OpenedOn < from ? f.OpenedOn : f.OpenedAt is { } openedAt ? DateOnly.FromDateTime(openedAt.UtcDateTime) : from;
            var next = MeetingDateMove.For(new FollowUpDates(f.OpenedOn, f.DueOn), savedOn, from, to);
            if (next == new FollowUpDates(f.OpenedOn, f.DueOn))
            {
                continue;
            }

            await db.FollowUps.Where(x => x.Id == f.Id).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.OpenedOn, next.OpenedOn).SetProperty(x => x.DueOn, next.DueOn).SetProperty(x => x.Version, x => x.Version + 1),
                cancellationToken);
            if (next.DueOn != f.DueOn)
            {
                moved++;
                db.FollowUpChanges.Add(new FollowUpChange
                {
                    FollowUpId = f.Id,
                    At = at,
                    UserId = userId,
                    Text = $"Due date moved from {f.DueOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to "
                        + $"{next.DueOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: the meeting moved to "
                        + $"{to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.",
                });
            }
        }

        return moved;
    }
}
