using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>Joining is a POST: opening the link (or a link preview fetching it) changes nothing.</summary>
public sealed class JoinModel(ZonePollDbContext db, TallyNotifier notifier, TimeProvider clock) : PageModel
{
    public int TeamId { get; private set; }
    public string TeamName { get; private set; } = "";
    public bool AlreadyMember { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var team = await FindAsync(token, userId, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        (TeamId, TeamName, AlreadyMember) = (team.Id, team.Name, team.Member);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var team = await FindAsync(token, userId, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        if (!team.Member)
        {
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = userId, Role = TeamRole.Rep, JoinedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A double click: the first request already made us a member.
            }

            await notifier.TeamChangedAsync(db, team.Id, cancellationToken);
        }

        TempData["Message"] = $"You are on {team.Name}. Open meetings appear below.";
        return RedirectToPage("/Index");
    }

    private sealed record Invite(int Id, string Name, bool Member);

    private Task<Invite?> FindAsync(string token, string userId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking()
            .Where(t => t.InviteToken == token)
            .Select(t => new Invite(t.Id, t.Name, t.Members.Any(m => m.UserId == userId)))
            .SingleOrDefaultAsync(cancellationToken);
}
