using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

[ForTeamMembers(MemberRole.Manager)]
public sealed class DetailsModel(
    ZonePollDbContext db, MeetingChanges changes, PublicUrl publicUrl, TimeProvider clock, TrendQuery trendQuery, InvitationEmails invitations)
    : PageModel
{
    public TeamView Team { get; private set; } = null!;

    // The team the membership rule checked; a posted or queried "teamId" never reaches a handler.
    private int TeamId => HttpContext.Team().TeamId;

    public TeamTrend Trend { get; private set; } = null!;

    public string InviteUrl => publicUrl.For(Request, $"/join/{Team.InviteToken}");

    public bool UnreachableFromPhones => publicUrl.UnreachableFromPhones(Request);

    public sealed record TeamView(
        int Id,
        string Name,
        string InviteToken,
        DateTimeOffset? InviteExpiresAt,
        IReadOnlyList<MemberView> Members,
        IReadOnlyList<MeetingView> Meetings);

    public bool InviteExpired => Team.InviteExpiresAt <= clock.GetUtcNow();

    public sealed record MemberView(string UserId, string DisplayName, string Email, TeamRole Role, DateTimeOffset JoinedAt);

    public sealed record MeetingView(int Id, string Title, DateOnly Date, MeetingStatus Status);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == TeamId)
            .Select(t => new TeamView(
                t.Id,
                t.Name,
                t.InviteToken,
                t.InviteExpiresAt,
                t.Members
                    .OrderByDescending(m => m.Role == TeamRole.Manager).ThenBy(m => m.User!.DisplayName)
                    .Select(m => new MemberView(m.UserId, m.User!.DisplayName, m.User.Email ?? "", m.Role, m.JoinedAt))
                    .ToList(),
                db.Meetings.Where(m => m.TeamId == t.Id).OrderByDescending(m => m.Date)
                    .Select(m => new MeetingView(m.Id, m.Title, m.Date, m.Status))
                    .ToList()))
            .SingleAsync(cancellationToken);
        Trend = await trendQuery.LoadAsync(TeamId, Team.Name, cancellationToken);
        await LoadEmailAsync(cancellationToken);
        return Page();
    }

    // "Invite by e-mail": the addresses as typed (kept when refused), why they were refused, and the team's mail that failed.
    public string? InviteEmails { get; private set; }
    public string? InviteEmailsError { get; private set; }
    public string EmailDestination => invitations.Destination;
    public IReadOnlyList<FailedEmailView> FailedEmails { get; private set; } = [];

    public sealed record FailedEmailView(string To, string Subject, string? Error, DateTimeOffset CreatedAt);

    private async Task LoadEmailAsync(CancellationToken cancellationToken) =>
        FailedEmails = await db.EmailOutbox.AsNoTracking()
            .Where(m => m.TeamId == TeamId && m.State == OutboxState.Failed)
            .OrderByDescending(m => m.Id).Take(20)
            .Select(m => new FailedEmailView(m.ToAddress, m.Subject, m.LastError, m.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Sends the current invite link to each address typed (queued in the outbox, sent in the background).</summary>
    public async Task<IActionResult> OnPostInviteByEmailAsync(
        [FreeText(TextKind.Multiline, Subject = "The addresses")] string? emails, CancellationToken cancellationToken)
    {
        var parsed = InvitationEmails.Parse(emails);
        var team = await db.Teams.Where(t => t.Id == TeamId).Select(t => new { t.Name, t.InviteToken, t.InviteExpiresAt }).SingleAsync(cancellationToken);
        InviteEmailsError = ModelState.TryGetValue(nameof(emails), out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage
            : parsed.Error ?? (team.InviteExpiresAt <= clock.GetUtcNow() ? "The invite link has expired: make a new link below first." : null);
        InviteEmailsError ??= await invitations.OverDailyLimitAsync(db, TeamId, parsed.Addresses.Count, cancellationToken);
        if (InviteEmailsError is not null)
        {
            InviteEmails = emails;
            await OnGetAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var inviterId = User.GetUserId();
        var inviter = await db.Users.Where(u => u.Id == inviterId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var queued = await invitations.AddAsync(
            db, Request, TeamId, team.Name, inviter, TeamInvites.PathFor(team.InviteToken), parsed.Addresses, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        invitations.Committed();
        var skipped = parsed.Addresses.Count - queued;
        TempData["Message"] = $"Invitation{(queued == 1 ? "" : "s")} to join sent to {queued} address{(queued == 1 ? "" : "es")}."
            + (skipped > 0 ? $" {skipped} turned invitations off, so they get nothing." : "")
            + " " + invitations.Destination;
        return RedirectToPage(null, null, new { teamId = TeamId }, "invite-email-heading");
    }

    public async Task<IActionResult> OnPostRegenerateAsync(int days, CancellationToken cancellationToken)
    {
        if (!InviteTokens.LifetimeChoices.Contains(days))
        {
            return BadRequest();
        }

        var token = InviteTokens.New();
        // Whoever makes the link is the manager the join page names.
        var inviter = User.GetUserId();
        DateTimeOffset? expires = days == 0 ? null : clock.GetUtcNow().AddDays(days);
        await db.Teams.Where(t => t.Id == TeamId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.InviteToken, token).SetProperty(t => t.InviteExpiresAt, expires).SetProperty(t => t.InvitedById, inviter),
                cancellationToken);
        TempData["Message"] = expires is null
            ? "New invite link made; it does not expire. The old link no longer works."
            : $"New invite link made; it works for {days} day{(days == 1 ? "" : "s")}. The old link no longer works.";
        return RedirectToPage(new { teamId = TeamId });
    }

    public async Task<IActionResult> OnPostPromoteAsync(string userId, CancellationToken cancellationToken)
    {
        int changed;
        await using (var change = await changes.BeginAsync(db, TeamId, cancellationToken))
        {
            changed = await db.TeamMembers
                .Where(m => m.TeamId == TeamId && m.UserId == userId && m.Role == TeamRole.Rep)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Manager), cancellationToken);
            if (changed == 1)
            {
                await change.CommitAsync(new TallyChange.Member(TeamId, userId), cancellationToken);
            }
        }

        TempData["Message"] = changed == 1 ? "Promoted to manager." : "That member is already a manager or has left the team.";
        return RedirectToPage(new { teamId = TeamId });
    }

    /// <summary>
    /// Removes a member and retires the invite link they may still hold, so nobody is back in before a manager hands
    /// out the new one. One removal at a time per team: the team row's update takes PostgreSQL's row lock (SQLite's
    /// write lock) until commit, and the delete, run after it, spares the last manager; two managers removing each
    /// other at once leave one.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(string userId, CancellationToken cancellationToken)
    {
        var removed = 0;
        await using (var change = await changes.BeginAsync(db, TeamId, cancellationToken))
        {
            var token = InviteTokens.New();
            var inviter = User.GetUserId();
            await db.Teams.Where(t => t.Id == TeamId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.InviteToken, token).SetProperty(t => t.InvitedById, inviter), cancellationToken);
            removed = await db.TeamMembers
                .Where(m => m.TeamId == TeamId && m.UserId == userId)
                .Where(m => m.Role != TeamRole.Manager || db.TeamMembers.Count(o => o.TeamId == TeamId && o.Role == TeamRole.Manager) > 1)
                .ExecuteDeleteAsync(cancellationToken);
            if (removed == 1)
            {
                await change.CommitAsync(new TallyChange.Member(TeamId, userId), cancellationToken);
            }
        }

        if (removed == 0)
        {
            // Nobody was removed, so the link stays as it was.
            TempData["Message"] = await db.TeamMembers.AnyAsync(m => m.TeamId == TeamId && m.UserId == userId, cancellationToken)
                ? "A team needs at least one manager: promote someone else before removing the last one."
                : "That member has already left the team.";
            return RedirectToPage(new { teamId = TeamId });
        }

        TempData["Message"] = "Member removed from the team. The invite link has changed, so the old one no longer works: "
            + "share the new one with anyone still to join.";
        if (userId == User.GetUserId())
        {
            return RedirectToPage("/Index");
        }

        return RedirectToPage(new { teamId = TeamId });
    }
}
