using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// One customer across the team's meetings: each time a rep listed them, and each time one dropped them.
/// Managers see every rep's rows; a rep sees only their own, and only for a customer they have listed (404 otherwise).
/// </summary>
[ForTeamMembers]
public sealed class CustomerModel(ZonePollDbContext db) : PageModel
{
    public sealed record HistoryRow(int MeetingId, string Meeting, DateOnly Date, string Rep, Zone? Zone, AccountType? AccountType, string? Note, DropReason? Dropped, Zone? LastZone);

    public string Name { get; private set; } = "";

    public TeamAccessResult Team { get; private set; } = null!;

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] int customerId, CancellationToken cancellationToken)
    {
        Team = HttpContext.Team();
        var name = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId && c.TeamId == Team.TeamId)
            .Select(c => c.Name)
            .SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        // Null for a manager: every rep's rows.
        var onlyRep = Team.Role == TeamRole.Manager ? null : User.GetUserId();
        var listed = await db.Worksheets.AsNoTracking()
            .Where(w => onlyRep == null || w.RepId == onlyRep)
            .SelectMany(w => w.Entries.Where(e => e.CustomerId == customerId), (w, e) =>
                new HistoryRow(w.MeetingId, w.Meeting!.Title, w.Meeting.Date, w.Rep!.DisplayName, e.Zone, e.AccountType, e.Note, null, null))
            .ToListAsync(cancellationToken);
        if (onlyRep is not null && listed.Count == 0)
        {
            return NotFound();
        }

        var dropped = await db.Worksheets.AsNoTracking()
            .Where(w => onlyRep == null || w.RepId == onlyRep)
            .SelectMany(w => w.Drops.Where(d => d.CustomerId == customerId), (w, d) =>
                new HistoryRow(w.MeetingId, w.Meeting!.Title, w.Meeting.Date, w.Rep!.DisplayName, null, null, null, d.Reason, d.LastZone))
            .ToListAsync(cancellationToken);

        Name = name;
        History = [.. listed.Concat(dropped).OrderBy(r => r.Date).ThenBy(r => r.MeetingId).ThenBy(r => r.Rep, StringComparer.CurrentCulture)];
        return Page();
    }
}
