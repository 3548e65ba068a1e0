using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Worksheets;

/// <summary>A customer as the rep left them on their previous worksheet.</summary>
public sealed record CarriedEntry(int CustomerId, string Name, string NormalizedName, Zone Zone, AccountType AccountType, string? Note, bool Pinched, ThreeRs Causes);

/// <summary>The rep's own previous worksheet in this team, the list the new one starts from.</summary>
public sealed record PreviousWorksheet(int MeetingId, string Title, DateOnly Date, IReadOnlyList<CarriedEntry> Entries)
{
    public CarriedEntry? Find(string normalizedName) => Entries.FirstOrDefault(e => e.NormalizedName == normalizedName);

    public CarriedEntry? Find(int customerId) => Entries.FirstOrDefault(e => e.CustomerId == customerId);
}

/// <summary>Finds a rep's previous worksheet: the team's latest earlier meeting (by date, then id) where the rep has entries.</summary>
public sealed class CarryForward(ZonePollDbContext db)
{
    public Task<PreviousWorksheet?> FindAsync(int teamId, int meetingId, DateOnly date, string repId, CancellationToken cancellationToken) =>
        db.Worksheets.AsNoTracking()
            .Where(w => w.RepId == repId && w.MeetingId != meetingId && w.Meeting!.TeamId == teamId && w.Entries.Any()
                && (w.Meeting.Date < date || (w.Meeting.Date == date && w.MeetingId < meetingId)))
            .OrderByDescending(w => w.Meeting!.Date).ThenByDescending(w => w.MeetingId)
            .Select(w => new PreviousWorksheet(w.MeetingId, w.Meeting!.Title, w.Meeting.Date,
                w.Entries.OrderBy(e => e.Position)
                    .Select(e => new CarriedEntry(e.CustomerId, e.CustomerName, e.Customer!.NormalizedName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))
                    .ToList()))
            .FirstOrDefaultAsync(cancellationToken);
}
