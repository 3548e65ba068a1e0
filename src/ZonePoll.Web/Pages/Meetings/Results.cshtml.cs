using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// The meeting as a rep sees it on their phone: before the reveal only whether they are in; after it the team's tally
/// (<see cref="TallySnapshot.ForRep"/>, the one rule for what reps see) and their own customers' moves and drops.
/// A manager opening it sees the same team view, labelled as the reps' view, to check what reps get before sharing
/// it; their own dashboard stays at /meetings/{id}.
/// </summary>
[ForMeetingMembers]
public sealed class ResultsModel(ZonePollDbContext db, TallyCache cache) : PageModel
{
    public MeetingAccessResult Meeting => HttpContext.Meeting();

    public RepResults Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var meeting = Meeting;
        var repId = meeting.IsManager ? null : User.GetUserId();
        if (await RepResultsQuery.LoadAsync(db, cache, meeting, repId, cancellationToken) is not { } results)
        {
            return NotFound();
        }

        Results = results;
        return Page();
    }
}
