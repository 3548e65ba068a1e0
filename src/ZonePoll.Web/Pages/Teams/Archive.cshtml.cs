using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// Archives a team or restores it: the one write an archived team takes (<see cref="WritesToArchivedTeamsAttribute"/>),
/// which is why it is a page of its own. Archiving deletes nothing; it retires the invite link, so nobody joins a team
/// that is not in use, and a restored team hands out a new one.
/// </summary>
[ForTeamMembers(MemberRole.Manager)]
[WritesToArchivedTeams]
public sealed class ArchiveModel(ZonePollDbContext db, TimeProvider clock) : PageModel
{
    public TeamAccessResult Team => HttpContext.Team();

    public bool Archived => Team.TeamArchived;

    public int MeetingCount { get; private set; }

    public int MemberCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        MeetingCount = await db.Meetings.CountAsync(m => m.TeamId == Team.TeamId, cancellationToken);
        MemberCount = await db.TeamMembers.CountAsync(m => m.TeamId == Team.TeamId, cancellationToken);
        return Page();
    }

    // "archived" is the button's value: true archives, false restores; anything else is not a person's click.
    public async Task<IActionResult> OnPostAsync(bool? archived, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || archived is null)
        {
            return BadRequest();
        }

        DateTimeOffset? at = archived.Value ? clock.GetUtcNow() : null;
        var token = InviteTokens.New();
        var changed = await db.Teams.Where(t => t.Id == Team.TeamId && (t.ArchivedAt == null) == archived.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArchivedAt, at).SetProperty(t => t.InviteToken, token), cancellationToken);
        if (archived.Value)
        {
            TempData["Message"] = changed == 0
                ? "The team was already archived."
                : $"\"{Team.TeamName}\" is archived: read-only, and off everyone's home page. You find it under \"Archived teams\" to restore it.";
            return RedirectToPage("/Index");
        }

        TempData["Message"] = changed == 0
            ? "The team was already in use."
            : $"\"{Team.TeamName}\" is restored. Its invite link has changed: share the new one with anyone still to join.";
        return RedirectToPage("/Teams/Details", new { teamId = Team.TeamId });
    }
}
