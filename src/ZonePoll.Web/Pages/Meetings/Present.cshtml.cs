using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>The projector view: drawn from the snapshot here, then kept live by present.js over the hub.</summary>
[ForMeetingMembers(MemberRole.Manager)]
public sealed class PresentModel(TallyCache cache, PublicUrl publicUrl) : PageModel
{
    public TallySnapshot Tally { get; private set; } = null!;

    public string WorksheetUrl => publicUrl.For(Request, $"/meetings/{Tally.MeetingId}/worksheet");

    public IHtmlContent WorksheetQr => JoinQrCode.Markup(WorksheetUrl);

    public bool UnreachableFromPhones => publicUrl.UnreachableFromPhones(Request);

    /// <summary>The moves "Since last time" names, in the order present.js fills them (by <see cref="MoveGroup"/>).</summary>
    public static IReadOnlyList<(MoveGroup Group, string Heading)> StoryGroups { get; } =
    [
        (MoveGroup.StraightToSurprises, "Recovery → Surprises"),
        (MoveGroup.RecoveryToExpectations, "Recovery → Expectations"),
        (MoveGroup.ExpectationsToSurprises, "Expectations → Surprises"),
        (MoveGroup.Down, "Moved down"),
    ];

    /// <summary>
    /// The strip under the bars: "Actions: 2 agreed · Last time's actions: 3 of 5 done", empty while there is nothing to
    /// say. present.js writes the same words from each snapshot.
    /// </summary>
    public static string ActionsLine(ActionSummary actions)
    {
        if (actions.Items.Count == 0 && actions.LastTime is null)
        {
            return "";
        }

        var line = actions.Items.Count == 0 ? "Actions: none agreed yet"
            : $"Actions: {actions.Items.Count} agreed" + (actions.Done > 0 ? $", {actions.Done} done" : "");
        return actions.LastTime is { } last ? $"{line} · {last.Line}" : line;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var meeting = HttpContext.Meeting();
        Tally = (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken))!.Manager;
        return Page();
    }
}
