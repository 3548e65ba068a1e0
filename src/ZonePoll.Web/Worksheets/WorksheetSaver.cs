using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

public enum SaveOutcome
{
    Saved,
    ChangedElsewhere,
    NotOpen,
}

public sealed record SaveResult(SaveOutcome Outcome, int Version);

/// <summary>
/// Replaces a rep's entries in one transaction: the meeting must be open, the posted version must still be
/// current (two tabs never overwrite each other silently), and customers are matched or created by
/// normalised name.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, so the time spent holding the write lock is what a burst of saves
/// queues behind. Everything that can be read beforehand is; under the lock the common save is three
/// statements: a conditional version bump (which is also the open-meeting and concurrency check), a delete
/// and an insert.
/// </remarks>
public sealed class WorksheetSaver(ZonePollDbContext db, SqliteWriteGate writeGate, TimeProvider clock, Tally.TallyNotifier notifier)
{
    public async Task<SaveResult> SaveAsync(int meetingId, int teamId, string repId, int postedVersion, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count > Worksheet.MaxEntries)
        {
            throw new ArgumentException($"At most {Worksheet.MaxEntries} entries.", nameof(entries));
        }

        // A worksheet's id never changes once made, and known customers never go away: safe to read unlocked.
        var worksheetId = await db.Worksheets
            .Where(w => w.MeetingId == meetingId && w.RepId == repId)
            .Select(w => (int?)w.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var customerIds = await KnownCustomersAsync(teamId, entries, cancellationToken);
        var now = clock.GetUtcNow();

        using var turn = await writeGate.EnterAsync(cancellationToken);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is ours from here to the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (worksheetId is { } existingId && postedVersion > 0)
        {
            var bumped = await db.Worksheets
                .Where(w => w.Id == existingId && w.Version == postedVersion
                    && db.Meetings.Any(m => m.Id == meetingId && m.Status == MeetingStatus.Open))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1).SetProperty(w => w.UpdatedAt, now), cancellationToken);
            if (bumped == 0)
            {
                var (status, version) = await StateAsync(meetingId, repId, cancellationToken);
                return new SaveResult(status == MeetingStatus.Open ? SaveOutcome.ChangedElsewhere : SaveOutcome.NotOpen, version);
            }

            await db.Entries.Where(e => e.WorksheetId == existingId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            var (status, version) = await StateAsync(meetingId, repId, cancellationToken);
            if (status != MeetingStatus.Open)
            {
                return new SaveResult(SaveOutcome.NotOpen, version);
            }

            if (version != postedVersion)
            {
                return new SaveResult(SaveOutcome.ChangedElsewhere, version);
            }

            var worksheet = new Worksheet { MeetingId = meetingId, RepId = repId, Version = 1, UpdatedAt = now };
            db.Worksheets.Add(worksheet);
            await db.SaveChangesAsync(cancellationToken);
            worksheetId = worksheet.Id;
        }

        await AddMissingCustomersAsync(teamId, entries, customerIds, cancellationToken);
        db.Entries.AddRange(entries.Select(e => new Entry
        {
            WorksheetId = worksheetId.Value,
            Position = e.Position,
            CustomerId = customerIds[e.NormalizedName],
            CustomerName = e.Name,
            Zone = e.Zone,
            AccountType = e.AccountType,
            Note = e.Note,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        notifier.MeetingChanged(meetingId);
        return new SaveResult(SaveOutcome.Saved, postedVersion + 1);
    }

    /// <summary>The meeting's status and the worksheet's current version (0 before its first save).</summary>
    private async Task<(MeetingStatus Status, int Version)> StateAsync(int meetingId, string repId, CancellationToken cancellationToken)
    {
        var state = await db.Meetings
            .Where(m => m.Id == meetingId)
            .Select(m => new
            {
                m.Status,
                // A scalar subquery: an object one would need APPLY, which SQLite lacks.
                Version = db.Worksheets.Where(w => w.MeetingId == meetingId && w.RepId == repId).Select(w => (int?)w.Version).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        return (state.Status, state.Version ?? 0);
    }

    private Task<Dictionary<string, int>> KnownCustomersAsync(int teamId, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        var names = entries.Select(e => e.NormalizedName).ToList();
        return db.Customers
            .Where(c => c.TeamId == teamId && names.Contains(c.NormalizedName))
            .ToDictionaryAsync(c => c.NormalizedName, c => c.Id, StringComparer.Ordinal, cancellationToken);
    }

    private async Task AddMissingCustomersAsync(int teamId, IReadOnlyList<CleanEntry> entries, Dictionary<string, int> known, CancellationToken cancellationToken)
    {
        if (entries.All(e => known.ContainsKey(e.NormalizedName)))
        {
            return;
        }

        // Another save may have added some since the unlocked read; under the lock this answer is final.
        foreach (var (name, id) in await KnownCustomersAsync(teamId, entries, cancellationToken))
        {
            known[name] = id;
        }

        var added = entries
            .Where(e => !known.ContainsKey(e.NormalizedName))
            .Select(e => new Customer { TeamId = teamId, Name = e.Name, NormalizedName = e.NormalizedName })
            .ToList();
        db.Customers.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var customer in added)
        {
            known[customer.NormalizedName] = customer.Id;
        }
    }
}
