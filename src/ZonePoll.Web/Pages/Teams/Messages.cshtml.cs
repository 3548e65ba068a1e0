using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Chat;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>What the team's outboxes hold: sent, failed, queued and skipped, for e-mail and chat, and the latest failures.</summary>
[ForTeamMembers(MemberRole.Manager)]
public sealed class MessagesModel(ZonePollDbContext db) : PageModel
{
    public const int FailuresShown = 20;

    public TeamAccessResult Team => HttpContext.Team();

    public IReadOnlyList<MessageCounts.Count> Counts { get; private set; } = [];

    public IReadOnlyList<Failure> Failures { get; private set; } = [];

    public sealed record Failure(string Kind, string What, DateTimeOffset At, string? Error);

    public static IReadOnlyList<OutboxState> States { get; } = [OutboxState.Sent, OutboxState.Failed, OutboxState.Queued, OutboxState.Skipped];

    public int CountOf(string kind, OutboxState state) => Counts.FirstOrDefault(c => c.Kind == kind && c.State == state)?.Messages ?? 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await MessageCounts.ReadAsync(db, Team.TeamId, cancellationToken);
        var email = await db.EmailOutbox.AsNoTracking()
            .Where(m => m.TeamId == Team.TeamId && m.State == OutboxState.Failed)
            .OrderByDescending(m => m.Id).Take(FailuresShown)
            .Select(m => new Failure("E-mail", m.Subject + " to " + m.ToAddress, m.NextAttemptAt, m.LastError))
            .ToListAsync(cancellationToken);
        var chat = await db.Set<ChatMessage>().AsNoTracking()
            .Where(m => m.TeamId == Team.TeamId && m.State == OutboxState.Failed)
            .OrderByDescending(m => m.Id).Take(FailuresShown)
            .Select(m => new Failure("Chat", m.Text, m.NextAttemptAt, m.LastError))
            .ToListAsync(cancellationToken);
        Failures = [.. email.Concat(chat).OrderByDescending(f => f.At).Take(FailuresShown)];
        return Page();
    }
}
