using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

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
public sealed record SaveResult(SaveOutcome Outcome, int Version);

/// <summary>
/// Replaces a rep's entries (and the reasons for customers dropped since their previous worksheet): the meeting must
/// be open, the posted version must still be current (two tabs never overwrite each other silently), and customers
/// are matched or created by normalised name. What can be read without the write lock is read here, in the request,
/// into a <see cref="SaveJob"/>; <see cref="WorksheetWriter"/> does the rest and, once it has committed, tells the
/// tally. Page, rules, saver, writer, commit: nothing calls back up that line.
/// </summary>
public sealed class WorksheetSaver(ZonePollDbContext db, WorksheetWriter writer, TimeProvider clock, Infrastructure.ZonePollMetrics metrics)
{
    // known: the entries' customers the team already has, when the caller has read them (KnownCustomers): the
    // worksheet page does, to ask "Did you mean …?", and the save then skips reading them twice.
    public async Task<SaveResult> SaveAsync(
        int meetingId,
        int teamId,
        DateOnly meetingDate,
        string repId,
        int postedVersion,
        IReadOnlyList<CleanEntry> entries,
        IReadOnlyList<CleanDrop> drops,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, int>? known = null)
    {
        if (entries.Count > Worksheet.MaxEntries)
        {
            throw new ArgumentException($"At most {Worksheet.MaxEntries} entries.", nameof(entries));
        }

        // A worksheet's id never changes once made, and a customer goes away only with the one meeting it was on (a save
        // racing that deletion fails, and the form can be sent again): safe enough to read unlocked.
        var worksheetId = await WorksheetIdQuery.For(db)(db, meetingId, repId, cancellationToken);
        known ??= await KnownCustomers.ReadAsync(db, teamId, entries, cancellationToken);

        var result = await writer.SubmitAsync(
            new SaveJob(meetingId, teamId, meetingDate, repId, postedVersion, entries, drops, worksheetId, known, clock.GetUtcNow()));
        if (result.Outcome == SaveOutcome.Saved)
        {
            metrics.Saved();
        }

        return result;
    }

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string, CancellationToken, Task<int?>>> WorksheetIdQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, string repId, CancellationToken _) =>
            db.Worksheets
                .Where(w => w.MeetingId == meetingId && w.RepId == repId)
                .Select(w => (int?)w.Id)
                .FirstOrDefault()));
}
