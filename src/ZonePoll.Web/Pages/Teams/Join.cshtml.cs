using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// Joining is a POST: opening the link (or a link preview fetching it) changes nothing. Signed out, the page says
/// which team and which manager the link is for, so a newcomer knows where they are going before making an account.
/// </summary>
[AllowAnonymous]
public sealed class JoinModel(ZonePollDbContext db, MeetingChanges changes, TimeProvider clock) : PageModel
{
    public string Token { get; private set; } = "";
    public TeamInvites.Invite? Invite { get; private set; }
    public DateTimeOffset? ExpiredAt { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Where the account pages send a newcomer back to: this page, a local path by construction.</summary>
    public string ReturnUrl => TeamInvites.PathFor(Token);

    public async Task<IActionResult> OnGetAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        Token = token;
        Invite = await TeamInvites.FindAsync(db, token, SignedIn ? User.GetUserId() : null, cancellationToken);
        if (Invite is null)
        {
            // Unknown, or replaced by a newer link: explained without naming any team.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return Expired(Invite) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        if (!SignedIn)
        {
            // The page is open to read signed out; joining needs an account, and the sign-in comes back here.
            return Challenge();
        }

        Token = token;
        var userId = User.GetUserId();
        Invite = await TeamInvites.FindAsync(db, token, userId, cancellationToken);
        if (Invite is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (Expired(Invite) is { } expired)
        {
            return expired;
        }

        await TeamInvites.JoinAsync(db, changes, clock, Invite, userId, cancellationToken);
        return await TeamInvites.LandAsync(this, db, Invite, cancellationToken);
    }

    /// <summary>A member following an old link is simply told so; anyone else learns the link is over (410).</summary>
    private PageResult? Expired(TeamInvites.Invite invite)
    {
        if (!TeamInvites.IsExpired(invite, clock.GetUtcNow()))
        {
            return null;
        }

        ExpiredAt = invite.ExpiresAt;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
