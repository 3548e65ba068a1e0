using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>What the rep results page shows; <see cref="Team"/> is already cut to what reps may see.</summary>
/// <remarks><see cref="Own"/> is null for a manager, who has no list of their own here.</remarks>
public sealed record RepResults(TallySnapshot Team, bool HandoutForReps, OwnResults? Own)
{
    public bool Revealed => Team.Revealed;
}

/// <summary>
/// One rep's own list at this meeting against their own previous worksheet (as the tally's per-rep movement compares
/// them), and the customers they dropped with the reasons given.
/// </summary>
public sealed record OwnResults(int Entries, ZoneMoves? Moves, IReadOnlyList<OwnMove> Moved, IReadOnlyList<OwnDrop> Drops)
{
    public bool In => Entries > 0;
}

public sealed record OwnMove(int CustomerId, string Customer, Zone Was, Zone Now)
{
    public int Direction => Math.Sign((int)Now - (int)Was);
}

public sealed record OwnDrop(int CustomerId, string Customer, Zone LastZone, DropReason Reason)
{
    public bool Churn => DropReasons.IsChurn(Reason);
}

/// <summary>
/// Reads the meeting's cached snapshot (the one tally.json serves) and the rows it was built from: the rep's own
/// entries, previous list and drops come from those rows, so nothing is counted twice or by other rules.
/// </summary>
public static class RepResultsQuery
{
    public static async Task<RepResults?> LoadAsync(
        ZonePollDbContext db, TallyCache cache, MeetingAccessResult meeting, string? repId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken) is not { } cached)
        {
            return null;
        }

        var handoutForReps = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meeting.MeetingId)
            .Select(m => m.HandoutForReps)
            .SingleOrDefaultAsync(cancellationToken);
        var team = cached.Manager.ForRep();
        return new RepResults(team, handoutForReps, repId is null ? null : Own(cached, repId, team.Revealed, team.Movement is not null));
    }

    /// <summary>Before the reveal only the count of the rep's own entries leaves here: whether they are in.</summary>
    private static OwnResults Own(CachedTally cached, string repId, bool revealed, bool hasPrevious)
    {
        var sheets = cached.Rows.Sheets.Values;
        var mine = sheets.SelectMany(s => s.Entries).Where(e => e.RepId == repId).ToList();
        if (!revealed)
        {
            return new OwnResults(mine.Count, null, [], []);
        }

        var was = cached.Rows.Earlier.Lookup.OfRep(repId).ToDictionary(p => p.CustomerId, p => p.Zone);
        var moved = mine
            .Where(e => was.ContainsKey(e.CustomerId))
            .Select(e => new OwnMove(e.CustomerId, e.CustomerName, was[e.CustomerId], e.Zone))
            // Slipped down first (they need a word in the meeting), then moved up, then the rest.
            .OrderBy(m => m.Direction switch { < 0 => 0, > 0 => 1, _ => 2 }).ThenBy(m => m.Customer, StringComparer.CurrentCulture)
            .ToList();
        var drops = sheets.SelectMany(s => s.Drops).Where(d => d.RepId == repId)
            .Select(d => new OwnDrop(d.CustomerId, d.CustomerName, d.LastZone, d.Reason))
            .OrderByDescending(d => d.Churn).ThenBy(d => d.Customer, StringComparer.CurrentCulture)
            .ToList();
        var moves = hasPrevious && (was.Count > 0 || drops.Count > 0) ? ZoneMath.Moves(moved.Select(m => (m.Was, m.Now))) : null;
        return new OwnResults(mine.Count, moves, moved, drops);
    }
}
