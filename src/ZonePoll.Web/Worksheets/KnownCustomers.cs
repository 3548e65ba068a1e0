using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// The one lookup of a save's customers the team already has: the worksheet page reads it to ask "Did you mean …?",
/// the saver when the page has not, and <see cref="WorksheetApply"/> again under the lock for any name still new, in
/// case another save added it since. It sits below all three, so none of them calls back up to another.
/// </summary>
internal static class KnownCustomers
{
    /// <summary>Ids of the entries' customers the team already has, by normalised name.</summary>
    public static async Task<Dictionary<string, int>> ReadAsync(
        ZonePollDbContext db, int teamId, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        var query = Query.For(db)(db, teamId, [.. entries.Select(e => e.NormalizedName)]);
        await foreach (var (name, id) in query.WithCancellation(cancellationToken))
        {
            ids[name] = id;
        }

        return ids;
    }

    // Compiled, two columns, untracked: built afresh on every save, this query alone was a measurable share of the
    // app's CPU while a room saved at once (bench/README.md); whole tracked customers cost each save an identity-map
    // entry and a snapshot too.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string[], IAsyncEnumerable<KnownCustomer>>> Query = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, string[] names) =>
            db.Customers.AsNoTracking()
                .Where(c => c.TeamId == teamId && names.Contains(c.NormalizedName))
                .Select(c => new KnownCustomer(c.NormalizedName, c.Id))));

    private sealed record KnownCustomer(string NormalizedName, int Id);
}
