using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Worksheets;

/// <summary>A customer as the rep left them on their previous worksheet.</summary>
public sealed record CarriedEntry(
    int CustomerId, string Name, string NormalizedName, Zone Zone, AccountType AccountType, string? Note, bool Pinched, ThreeRs Causes);

/// <summary>The rep's own previous worksheet in this team, the list the new one starts from.</summary>
public sealed record PreviousWorksheet(int MeetingId, string Title, DateOnly Date, IReadOnlyList<CarriedEntry> Entries)
{
    public CarriedEntry? Find(string normalizedName) => Entries.FirstOrDefault(e => e.NormalizedName == normalizedName);

    public CarriedEntry? Find(int customerId) => Entries.FirstOrDefault(e => e.CustomerId == customerId);
}

/// <summary>
/// Finds a rep's previous worksheet: the team's latest earlier meeting (by date, then id) where the rep saved a list,
/// that is entries or drop reasons. A list emptied with a reason for every customer is a list: the next worksheet
/// starts empty from it rather than from the one before, whose customers the rep has already accounted for.
/// </summary>
public sealed class CarryForward(ZonePollDbContext db)
{
    private sealed record Sheet(int Id, int MeetingId, string Title, DateOnly Date);

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, DateOnly, string, CancellationToken, Task<Sheet?>>> SheetQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, int meetingId, DateOnly date, string repId, CancellationToken _) =>
            db.Worksheets.AsNoTracking()
                .Where(w => w.RepId == repId && w.MeetingId != meetingId && w.Meeting!.TeamId == teamId && (w.Entries.Any() || w.Drops.Any())
                    && (w.Meeting.Date < date || (w.Meeting.Date == date && w.MeetingId < meetingId)))
                .OrderByDescending(w => w.Meeting!.Date).ThenByDescending(w => w.MeetingId)
                .Select(w => new Sheet(w.Id, w.MeetingId, w.Meeting!.Title, w.Meeting.Date))
                .FirstOrDefault()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, IAsyncEnumerable<CarriedEntry>>> EntriesQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int worksheetId) =>
            db.Entries.AsNoTracking()
                .Where(e => e.WorksheetId == worksheetId)
                .OrderBy(e => e.Position)
                .Select(e => new CarriedEntry(e.CustomerId, e.CustomerName, e.Customer!.NormalizedName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))));

    /// <summary>
    /// Two statements, compiled (every worksheet GET and POST asks): the worksheet, then its entries. As one (entries
    /// as a nested list), SQLite materialised every entry of every worksheet joined to its customer before picking
    /// the ten it wanted, at a cost that grew with every meeting held.
    /// </summary>
    public async Task<PreviousWorksheet?> FindAsync(int teamId, int meetingId, DateOnly date, string repId, CancellationToken cancellationToken)
    {
        if (await SheetQuery.For(db)(db, teamId, meetingId, date, repId, cancellationToken) is not { } sheet)
        {
            return null;
        }

        var entries = await EntriesQuery.For(db)(db, sheet.Id).ToListAsync(cancellationToken);
        return new PreviousWorksheet(sheet.MeetingId, sheet.Title, sheet.Date, entries);
    }
}
