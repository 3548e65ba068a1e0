using System.ComponentModel.DataAnnotations;
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

[ForTeamMembers(MemberRole.Manager)]
public sealed class NewModel(ZonePollDbContext db, MeetingChanges changes, TimeProvider clock, MeetingOpenedEmails openedEmails, TeamChat teamChat) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string TeamName => HttpContext.Team().TeamName;

    public bool Archived => HttpContext.TeamArchived();

    /// <summary>How often the team meets, which the proposed date came from.</summary>
    public TeamCadence Cadence { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the meeting a title.")]
        [LengthLimit(Meeting.TitleMaxLength, "the title")]
        [FreeText(TextKind.Name, Subject = "The title")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Pick the meeting's date.")]
        [DataType(DataType.Date)]
        public DateOnly? Date { get; set; }

        [Display(Name = "Open it for reps now")]
        public bool OpenNow { get; set; } = true;
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Proposes the next date from the team's cadence and its latest meeting, and a title from the team's name and that date.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var teamId = HttpContext.Team().TeamId;
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == teamId)
            .Select(t => new { t.Cadence, Latest = db.Meetings.Where(m => m.TeamId == t.Id).Max(m => (DateOnly?)m.Date) })
            .SingleAsync(cancellationToken);
        Cadence = team.Cadence;
        var date = TeamCadences.NextMeeting(team.Latest, team.Cadence, Today);
        Input = new InputModel { Date = date, Title = TeamCadences.TitleFor(TeamName, date, Meeting.TitleMaxLength) };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Title = Input.Title?.Trim() ?? "";
        if (Input.Title.Length == 0)
        {
            ModelState.AddModelError("Input.Title", "Give the meeting a title.");
        }

        var teamId = HttpContext.Team().TeamId;
        if (Input.Date is { } date
            && (Meeting.DateProblem(date, Today) ?? await MeetingDates.ClashAsync(db, teamId, null, date, cancellationToken)) is { } problem)
        {
            ModelState.AddModelError("Input.Date", problem);
        }

        if (!ModelState.IsValid)
        {
            Cadence = await db.Teams.Where(t => t.Id == teamId).Select(t => t.Cadence).SingleAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var meeting = new Meeting
        {
            TeamId = teamId,
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
            if (Input.OpenNow)
            {
                await teamChat.MeetingOpenedAsync(db, Request, meeting.Id, cancellationToken);
            }

            // Meetings dated after this one count it among their earlier ones (it has no list yet, so nothing shows).
            await change.CommitAsync(new TallyChange.MeetingAndLater(meeting.Id), cancellationToken);
        }

        openedEmails.Committed();
        teamChat.Committed();
        TempData["Message"] = Input.OpenNow
            ? "Meeting created and open: reps can fill in their worksheets now." + openedEmails.Sent(emailed)
            : "Meeting created as a draft: edit the prompts, then open it for reps.";
        return RedirectToPage("/Meetings/Details", new { id = meeting.Id });
    }
}
