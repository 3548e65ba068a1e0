using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>The projector view: drawn from the snapshot here, then kept live by present.js over the hub.</summary>
public sealed class PresentModel(TeamAccess access, TallyQuery tally) : PageModel
{
    public TallySnapshot Tally { get; private set; } = null!;

    public string WorksheetUrl => $"{Request.Scheme}://{Request.Host}/meetings/{Tally.MeetingId}/worksheet";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await access.ForMeetingAsync(id, User, cancellationToken);
        if (meeting.IsRefused(TeamRole.Manager, out var status))
        {
            return StatusCode(status);
        }

        Tally = (await tally.BuildAsync(id, cancellationToken))!;
        return Page();
    }
}
