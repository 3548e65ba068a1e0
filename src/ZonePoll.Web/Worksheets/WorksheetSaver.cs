using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Worksheets;

public enum SaveOutcome
{
    Saved,
    ChangedElsewhere,
    NotOpen,
}

public sealed record SaveResult(SaveOutcome Outcome, int Version);

/// <summary>
/// Replaces a rep's entries in one immediate transaction: the meeting must be open, the posted version
/// must still be current (two tabs never overwrite each other silently), and customers are matched or
/// created by normalised name.
/// </summary>
public sealed class WorksheetSaver(ZonePollDbContext db, TimeProvider clock, Tally.TallyNotifier notifier)
{
    public async Task<SaveResult> SaveAsync(int meetingId, int teamId, string repId, int postedVersion, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count > Worksheet.MaxEntries)
        {
            throw new ArgumentException($"At most {Worksheet.MaxEntries} entries.", nameof(entries));
        }

        // Microsoft.Data.Sqlite begins IMMEDIATE: concurrent saves queue here instead of failing mid-way.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var status = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Status).SingleAsync(cancellationToken);
        var current = await db.Worksheets
            .Where(w => w.MeetingId == meetingId && w.RepId == repId)
            .Select(w => new { w.Id, w.Version })
            .SingleOrDefaultAsync(cancellationToken);

        if (status != MeetingStatus.Open)
        {
            return new SaveResult(SaveOutcome.NotOpen, current?.Version ?? 0);
        }

        if ((current?.Version ?? 0) != postedVersion)
        {
            return new SaveResult(SaveOutcome.ChangedElsewhere, current?.Version ?? 0);
        }

        var now = clock.GetUtcNow();
        int worksheetId;
        if (current is null)
        {
            var worksheet = new Worksheet { MeetingId = meetingId, RepId = repId, Version = 1, UpdatedAt = now };
            db.Worksheets.Add(worksheet);
            await db.SaveChangesAsync(cancellationToken);
            worksheetId = worksheet.Id;
        }
        else
        {
            worksheetId = current.Id;
            var updated = await db.Worksheets
                .Where(w => w.Id == current.Id && w.Version == postedVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1).SetProperty(w => w.UpdatedAt, now), cancellationToken);
            if (updated == 0)
            {
                return new SaveResult(SaveOutcome.ChangedElsewhere, current.Version);
            }

            await db.Entries.Where(e => e.WorksheetId == worksheetId).ExecuteDeleteAsync(cancellationToken);
        }

        var customerIds = await EnsureCustomersAsync(teamId, entries, cancellationToken);
        db.Entries.AddRange(entries.Select(e => new Entry
        {
            WorksheetId = worksheetId,
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

    private async Task<Dictionary<string, int>> EnsureCustomersAsync(int teamId, IReadOnlyList<CleanEntry> entries, CancellationToken cancellationToken)
    {
        var names = entries.Select(e => e.NormalizedName).ToList();
        var known = await db.Customers
            .Where(c => c.TeamId == teamId && names.Contains(c.NormalizedName))
            .ToDictionaryAsync(c => c.NormalizedName, c => c.Id, StringComparer.Ordinal, cancellationToken);

        // The transaction holds the write lock, so nobody can add the same customer in between.
        var added = entries
            .Where(e => !known.ContainsKey(e.NormalizedName))
            .Select(e => new Teams.Customer { TeamId = teamId, Name = e.Name, NormalizedName = e.NormalizedName })
            .ToList();
        if (added.Count > 0)
        {
            db.Customers.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var customer in added)
            {
                known[customer.NormalizedName] = customer.Id;
            }
        }

        return known;
    }
}
