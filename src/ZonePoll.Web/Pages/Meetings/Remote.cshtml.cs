using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// The manager's phone at the front of the room: every projector command goes through the hub (remote.js), which
/// moves every projector of the meeting. The one form posts an action the room agreed, and comes back here.
/// </summary>
[ForMeetingMembers(MemberRole.Manager)]
public sealed class RemoteModel(TallyCache cache, ProjectorState projector, MeetingActions actions, LocalTime localTime, TimeProvider clock)
    : PageModel
{
    public TallySnapshot Tally { get; private set; } = null!;

    public ProjectorView Projector { get; private set; } = ProjectorView.Start;

    /// <summary>The compact "Add an action" form; null once the meeting is locked.</summary>
    public ActionFormView? ActionForm { get; private set; }

    /// <summary>The projector's views with the words its buttons use.</summary>
    public static IReadOnlyList<(string View, string Label)> Views { get; } =
        [.. ProjectorView.Views.Select(v =>
            (v, v switch { "tally" => "Team tally", "since" => "Since last time", "prompt" => "Prompt data", "actions" => "Actions", _ => v }))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(null, null, cancellationToken);
        return Page();
    }

    /// <summary>Adds an action from the phone; after it, or a refusal with the values kept, the manager is still on the remote.</summary>
    public async Task<IActionResult> OnPostAddActionAsync(
        string? actionText, string? actionOwner, string? actionDue, string? actionCustomer, string? actionPrompt, CancellationToken cancellationToken)
    {
        var meeting = HttpContext.Meeting();
        var form = ActionPosts.Form(actionText, actionOwner, actionDue, actionCustomer, actionPrompt);
        var check = await actions.AddAsync(meeting, User.GetUserId(), form, await TodayAsync(cancellationToken), cancellationToken);
        if (check.IsValid)
        {
            TempData["Message"] = "Action added.";
            return RedirectToPage(null, null, new { id = meeting.MeetingId }, "actions");
        }

        await LoadAsync(form, check, cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) => (await localTime.ForAsync(User, cancellationToken)).Today(clock);

    private async Task LoadAsync(ActionForm? posted, ActionCheck? refused, CancellationToken cancellationToken)
    {
        var meeting = HttpContext.Meeting();
        Tally = (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken))!.Manager;
        Projector = projector.Get(meeting.MeetingId);
        if (meeting.Status != MeetingStatus.Locked || refused is not null)
        {
            var userId = User.GetUserId();
            var options = await actions.OptionsAsync(meeting, userId, await TodayAsync(cancellationToken), cancellationToken);
            ActionForm = new ActionFormView(options, userId, posted, refused, Compact: true);
        }
    }
}
