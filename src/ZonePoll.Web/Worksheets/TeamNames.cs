using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// Every customer name of a team, kept between saves shaped and grouped for "Did you mean" (<see cref="NameIndex"/>): a
/// save with a name the team does not have asks against them, and in a 2,000-rep room adding names each such save read
/// and shaped the team's 20,000. Customers are only ever added (by a save) or deleted (with a meeting), never renamed,
/// and their ids only grow, so the team's count and highest id say whether the kept list is current: one narrow
/// statement per ask, then only the names added since, and the whole list again only after a deletion. It reads the
/// database, not this instance's saves, so what another instance added or deleted shows too.
/// </summary>
public sealed class TeamNames(IMemoryCache cache)
{
    // A team whose reps stop saving drops out.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>The team's customer names as of this call.</summary>
    public async Task<NameIndex> ReadAsync(ZonePollDbContext db, int teamId, CancellationToken cancellationToken)
    {
        var stamp = await StampQuery.For(db)(db, teamId, cancellationToken) ?? new Stamp(0, 0);
        cache.TryGetValue(Key(teamId), out Kept? kept);
        if (kept is not null && kept.Names.Count == stamp.Count && kept.MaxId == stamp.MaxId)
        {
            return kept.Names;
        }

        Kept? fresh = null;
        if (kept is not null && stamp.MaxId > kept.MaxId)
        {
            // Only what was added up to the stamp: if the count then adds up, nothing was deleted in between.
            var added = await RowsQuery.For(db)(db, teamId, kept.MaxId, stamp.MaxId).ToListAsync(cancellationToken);
            if (kept.Names.Count + added.Count == stamp.Count)
            {
                fresh = new Kept(kept.Names.Add(added.Select(r => new NameMatch.Candidate(r.Name))), stamp.MaxId);
            }
        }

        if (fresh is null)
        {
            // One statement, so the list and its highest id agree whatever commits meanwhile.
            var all = await RowsQuery.For(db)(db, teamId, 0, int.MaxValue).ToListAsync(cancellationToken);
            fresh = new Kept(NameIndex.Empty.Add(all.Select(r => new NameMatch.Candidate(r.Name))), all.Count == 0 ? 0 : all[^1].Id);
        }

        // Kept whatever it holds: every ask checks the stamp first, so two saves racing cost the loser's next ask a read,
        // while keeping only lists with a higher id left a team whose newest names were deleted rereading every time.
        cache.Set(Key(teamId), fresh, new MemoryCacheEntryOptions { SlidingExpiration = Idle });

        return fresh.Names;
    }

    private static string Key(int teamId) => $"team-names:{teamId}";

    private sealed record Kept(NameIndex Names, int MaxId);

    private sealed record Stamp(int Count, int MaxId);

    private sealed record Row(int Id, KnownName Name);

    // Both from the (TeamId, Id) index: the highest id is one seek, the count a walk of the team's narrowest entries, and
    // no customer row is read to learn whether the kept list is current.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, CancellationToken, Task<Stamp?>>> StampQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, CancellationToken _) =>
            db.Teams
                .Where(t => t.Id == teamId)
                .Select(t => new Stamp(
                    db.Customers.Count(c => c.TeamId == teamId),
                    db.Customers.Where(c => c.TeamId == teamId).Max(c => (int?)c.Id) ?? 0))
                .FirstOrDefault()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, int, IAsyncEnumerable<Row>>> RowsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, int after, int upTo) =>
            db.Customers.AsNoTracking()
                .Where(c => c.TeamId == teamId && c.Id > after && c.Id <= upTo)
                .OrderBy(c => c.Id)
                .Select(c => new Row(c.Id, new KnownName(c.Name, c.NormalizedName)))));
}
