using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// The manager's phone at the front of the room: every command goes through the hub (remote.js), which moves every
/// projector of the meeting. The page itself only draws the state it starts from; it has no handlers.
/// </summary>
[ForMeetingMembers(MemberRole.Manager)]
public sealed class RemoteModel(TallyCache cache, ProjectorState projector) : PageModel
{
    public TallySnapshot Tally { get; private set; } = null!;

    public ProjectorView Projector { get; private set; } = ProjectorView.Start;

    /// <summary>The projector's views with the words its buttons use.</summary>
    public static IReadOnlyList<(string View, string Label)> Views { get; } =
        [.. ProjectorView.Views.Select(v =>
            (v, v switch { "tally" => "Team tally", "since" => "Since last time", "prompt" => "Prompt data", "actions" => "Actions", _ => v }))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var meeting = HttpContext.Meeting();
        Tally = (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken))!.Manager;
        Projector = projector.Get(meeting.MeetingId);
        return Page();
    }
}
