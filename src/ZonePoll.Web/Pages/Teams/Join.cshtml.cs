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
    public DateTimeOffset? ExpiredAt { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var team = await FindAsync(token, userId, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        (TeamId, TeamName, AlreadyMember) = (team.Id, team.Name, team.Member);
        return Expired(team) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var team = await FindAsync(token, userId, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        (TeamId, TeamName, AlreadyMember) = (team.Id, team.Name, team.Member);
        if (Expired(team) is { } expired)
        {
            return expired;
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

    private sealed record Invite(int Id, string Name, bool Member, DateTimeOffset? ExpiresAt);

    /// <summary>A member following an old link is simply told so; anyone else learns the link is over (410).</summary>
    private PageResult? Expired(Invite team)
    {
        if (team.Member || team.ExpiresAt is not { } expiresAt || expiresAt > clock.GetUtcNow())
        {
            return null;
        }

        ExpiredAt = expiresAt;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    private async Task<Invite?> FindAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var invite = await db.Teams.AsNoTracking()
            .Where(t => t.InviteToken == token)
            .Select(t => new { t.Id, t.Name, Member = t.Members.Any(m => m.UserId == userId), t.InviteExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return invite is null ? null : new Invite(invite.Id, invite.Name, invite.Member, invite.InviteExpiresAt);
    }
}
