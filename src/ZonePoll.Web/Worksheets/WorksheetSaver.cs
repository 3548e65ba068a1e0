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
/// overwrite each other silently), and customers are matched or created by normalised name. The page has checked the
/// rows; <see cref="WorksheetWriter"/> applies them under the write lock, and once it has committed, the saver tells
/// the tally. Page, rules, saver, writer, commit: nothing calls back up that line.
/// </summary>
public sealed class WorksheetSaver(WorksheetWriter writer, TallyNotifier notifier, TimeProvider clock)
{
    public async Task<SaveResult> SaveAsync(int meetingId, int teamId, DateOnly meetingDate, string repId, int postedVersion, IReadOnlyList<CleanEntry> entries, IReadOnlyList<CleanDrop> drops, CancellationToken cancellationToken)
    {
        if (entries.Count > Worksheet.MaxEntries)
        {
            throw new ArgumentException($"At most {Worksheet.MaxEntries} entries.", nameof(entries));
        }

        // Abandoned before it reached the writer, a save is not made; once queued, it lands.
        cancellationToken.ThrowIfCancellationRequested();
        var result = await writer.SubmitAsync(new SaveJob(meetingId, teamId, meetingDate, repId, postedVersion, entries, drops, clock.GetUtcNow()));
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
}
