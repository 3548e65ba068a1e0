using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>What the join page and registering through an invite share: finding the link, joining, and where to land.</summary>
public static class TeamInvites
{
    private const string Prefix = "/join/";

    /// <summary>An invite link's team; <c>Inviter</c> is the manager who made the link while still a manager, else a current one.</summary>
    public sealed record Invite(string Token, int TeamId, string TeamName, string? Inviter, bool Member, DateTimeOffset? ExpiresAt);

    public static string PathFor(string token) => Prefix + Uri.EscapeDataString(token);

    /// <summary>The invite token a return address names, when it is exactly a join link; anything else is not an invite.</summary>
    public static string? TokenFrom(string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var token = returnUrl[Prefix.Length..];
        // Tokens are URL-safe base64: a query, fragment or further path is not one.
        return token.Length is > 0 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? token : null;
    }

    public static async Task<Invite?> FindAsync(ZonePollDbContext db, string token, string? userId, CancellationToken cancellationToken)
    {
        // An archived team takes no members: archiving made it a new link, which must not open it again.
        var invite = await db.Teams.AsNoTracking()
            .Where(t => t.InviteToken == token && t.ArchivedAt == null)
            .Select(t => new
            {
                t.Id,
                t.Name,
                Member = userId != null && t.Members.Any(m => m.UserId == userId),
                t.InviteExpiresAt,
                Inviter = t.Members
                    .Where(m => m.Role == TeamRole.Manager)
                    .OrderByDescending(m => m.UserId == t.InvitedById)
                    .ThenBy(m => m.JoinedAt)
                    .Select(m => m.User!.DisplayName)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return invite is null ? null : new Invite(token, invite.Id, invite.Name, invite.Inviter, invite.Member, invite.InviteExpiresAt);
    }

    /// <summary>A member following an old link is let through to be told they are in; for anyone else it is over.</summary>
    public static bool IsExpired(Invite invite, DateTimeOffset now) =>
        !invite.Member && invite.ExpiresAt is { } expiresAt && expiresAt <= now;

    public static async Task JoinAsync(
        ZonePollDbContext db, MeetingChanges changes, TimeProvider clock, Invite invite, string userId, CancellationToken cancellationToken)
    {
        if (invite.Member)
        {
            return;
        }

        await using var change = await changes.BeginAsync(db, invite.TeamId, cancellationToken);
        db.TeamMembers.Add(new TeamMember { TeamId = invite.TeamId, UserId = userId, Role = TeamRole.Rep, JoinedAt = clock.GetUtcNow() });
        try
        {
            await change.CommitAsync(new TallyChange.Member(invite.TeamId, userId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click: the first request already made us a member, and moved the versions.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A new rep goes straight to the team's open meeting's worksheet (the latest, if several are open); with none
    /// open, home, told why there is nothing to fill in yet.
    /// </summary>
    public static async Task<IActionResult> LandAsync(PageModel page, ZonePollDbContext db, Invite invite, CancellationToken cancellationToken)
    {
        var open = await db.Meetings.AsNoTracking()
            .Where(m => m.TeamId == invite.TeamId && m.Status == MeetingStatus.Open)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (open is null)
        {
            page.TempData["Message"] = $"You are on {invite.TeamName}. No meeting is open yet: "
                + "when your manager opens one, it appears here with a link to your worksheet.";
            return page.RedirectToPage("/Index", new { area = "" });
        }

        page.TempData["Message"] = $"You are on {invite.TeamName}. Place ten of your customers for {open.Title}.";
        return page.RedirectToPage("/Worksheets/Edit", new { area = "", id = open.Id });
    }
}
