using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Worksheets;

/// <summary>What became of a save: stored, or why not.</summary>
public enum SaveOutcome
{
    Saved,
    ChangedElsewhere,
    NotOpenYet,
    Locked,
}

/// <summary>What became of a save, and the worksheet's version after it.</summary>
/// <param name="Outcome">Stored, or why not.</param>
/// <param name="Version">The worksheet's version now: the one to post with the next save.</param>
/// <param name="AlsoChanged">
/// The team's other meetings in play whose tallies the save changed: a follow-up it opened or closed is listed there
/// too (last week's tally shows it closed since).
/// </param>
public sealed record SaveResult(SaveOutcome Outcome, int Version, IReadOnlyList<int>? AlsoChanged = null);

/// <summary>
/// Replaces a rep's entries (and the reasons for customers dropped since their previous worksheet): the meeting must be open, the posted version must still be current (two tabs never
/// overwrite each other silently), and customers are matched or created by normalised name. What can be read
/// without the write lock is read here, in the request; <see cref="WorksheetWriter"/> does the rest, and once it has
/// committed, the saver tells the tally. Page, rules, saver, writer, commit: nothing calls back up that line.
/// </summary>
public sealed class WorksheetSaver(ZonePollDbContext db, WorksheetWriter writer, TallyNotifier notifier, TimeProvider clock)
{
    // known: the entries' customers the team already has, when the caller has read them (KnownCustomersAsync): the
    // worksheet page does, to ask "Did you mean …?", and the save then skips reading them twice.
    public async Task<SaveResult> SaveAsync(int meetingId, int teamId, DateOnly meetingDate, string repId, int postedVersion, IReadOnlyList<CleanEntry> entries, IReadOnlyList<CleanDrop> drops, CancellationToken cancellationToken, IReadOnlyDictionary<string, int>? known = null)
    {
        if (entries.Count > Worksheet.MaxEntries)
        {
            throw new ArgumentException($"At most {Worksheet.MaxEntries} entries.", nameof(entries));
        }

        // A worksheet's id never changes once made, and customers never go away: safe to read unlocked.
        var worksheetId = await WorksheetIdQuery.For(db)(db, meetingId, repId, cancellationToken);
        known ??= await KnownCustomersAsync(db, teamId, entries, cancellationToken);

        var result = await writer.SubmitAsync(new SaveJob(meetingId, teamId, meetingDate, repId, postedVersion, entries, drops, worksheetId, known, clock.GetUtcNow()));
        if (result.Outcome == SaveOutcome.Saved)
        {
            notifier.MeetingChanged(meetingId);
            foreach (var other in result.AlsoChanged ?? [])
            {
                notifier.MeetingChanged(other);
            }
        }

        return result;
    }

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string, CancellationToken, Task<int?>>> WorksheetIdQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, string repId, CancellationToken _) =>
            db.Worksheets
                .Where(w => w.MeetingId == meetingId && w.RepId == repId)
                .Select(w => (int?)w.Id)
                .FirstOrDefault()));

    /// <summary>Ids of the entries' customers the team already has, by normalised name.</summary>
    internal static async Task<Dictionary<string, int>> KnownCustomersAsync(ZonePollDbContext db, int teamId, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        await foreach (var (name, id) in KnownCustomersQuery.For(db)(db, teamId, [.. entries.Select(e => e.NormalizedName)]).WithCancellation(cancellationToken))
        {
            ids[name] = id;
        }

        return ids;
    }

    // Compiled, two columns, untracked: built afresh on every save, this query alone was 7 % of the app's CPU while a
    // room saved at once; whole tracked customers cost each save an identity-map entry and a snapshot too.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string[], IAsyncEnumerable<KnownCustomer>>> KnownCustomersQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, string[] names) =>
            db.Customers.AsNoTracking()
                .Where(c => c.TeamId == teamId && names.Contains(c.NormalizedName))
                .Select(c => new KnownCustomer(c.NormalizedName, c.Id))));

    private sealed record KnownCustomer(string NormalizedName, int Id);
}
