using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

[ForTeamMembers(MemberRole.Manager)]
public sealed class NewModel(ZonePollDbContext db, MeetingChanges changes, TimeProvider clock, MeetingOpenedEmails openedEmails) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string TeamName => HttpContext.Team().TeamName;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the meeting a title.")]
        [StringLength(Meeting.TitleMaxLength, ErrorMessage = "Keep the title to {1} characters.")]
        [FreeText(TextKind.Name, Subject = "The title")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Pick the meeting's date.")]
        [DataType(DataType.Date)]
        public DateOnly? Date { get; set; }

        [Display(Name = "Open it for reps now")]
        public bool OpenNow { get; set; } = true;
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public void OnGet() => Input = new InputModel { Date = Today, Title = $"Sales meeting {Today:MMMM yyyy}" };

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Title = Input.Title?.Trim() ?? "";
        if (Input.Title.Length == 0)
        {
            ModelState.AddModelError("Input.Title", "Give the meeting a title.");
        }

        if (Input.Date is { } date && Meeting.DateProblem(date, Today) is { } problem)
        {
            ModelState.AddModelError("Input.Date", problem);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var meeting = new Meeting
        {
            TeamId = HttpContext.Team().TeamId,
            Title = Input.Title,
            Date = Input.Date!.Value,
            Status = Input.OpenNow ? MeetingStatus.Open : MeetingStatus.Draft,
            CreatedAt = clock.GetUtcNow(),
        };
        meeting.Prompts.AddRange(DefaultPrompts.Create());
        var emailed = 0;
        await using (var change = await changes.BeginAsync(db, meeting.TeamId, cancellationToken))
        {
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync(cancellationToken);
            emailed = Input.OpenNow ? await openedEmails.AddAsync(db, Request, meeting.Id, cancellationToken) : 0;
            // Meetings dated after this one count it among their earlier ones (it has no list yet, so nothing shows).
            await change.CommitAsync(new TallyChange.MeetingAndLater(meeting.Id), cancellationToken);
        }

        openedEmails.Committed();
        TempData["Message"] = Input.OpenNow
            ? "Meeting created and open: reps can fill in their worksheets now." + openedEmails.Sent(emailed)
            : "Meeting created as a draft: edit the prompts, then open it for reps.";
        return RedirectToPage("/Meetings/Details", new { id = meeting.Id });
    }
}
