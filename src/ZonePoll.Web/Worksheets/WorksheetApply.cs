using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// What a batch's saves do to the database, under the writer's lock and inside its transaction: each save
/// (<see cref="SaveAsync"/>), then once for each meeting the batch saved to (<see cref="MeetingSavedAsync"/>).
/// <see cref="WorksheetWriter"/> around it owns the queue, the transaction and each save's savepoint;
/// <see cref="WorksheetSql"/> below it, the statements. One per batch, over the writer's context, logging to the
/// writer's logger with the batch's other failures.
/// </summary>
internal sealed partial class WorksheetApply(ZonePollDbContext db, WorksheetSql sql, WriterVersions versions, ILogger logger)
{
    /// <summary>
    /// One save under the lock, inside its savepoint. The common case is four statements (<see cref="WorksheetSql.ReplaceList"/>,
    /// one round trip on PostgreSQL): a conditional version bump (which is also the open-meeting and concurrency check),
    /// two deletes (entries, drop reasons) and one insert of all its entries. Every customer the worksheet had or now has
    /// on its list or drops goes into <paramref name="touched"/>.
    /// </summary>
    public async Task<SaveResult> SaveAsync(SaveJob job, HashSet<int> touched)
    {
        int worksheetId;
        Dictionary<string, int> customerIds;
        if (job.WorksheetId is { } existingId && job.PostedVersion > 0)
        {
            // Before the bump, so all four statements can go together; customers added for a save refused here are
            // rolled back with its savepoint.
            customerIds = await CustomerIdsAsync(job);
            if (await ReplaceOrRefuseAsync(job, existingId, customerIds, touched) is { } refused)
            {
                return refused;
            }

            worksheetId = existingId;
        }
        else
        {
            var (status, version) = await StateAsync(job);
            if (status != MeetingStatus.Open)
            {
                return new SaveResult(Refusal(status), version);
            }

            if (version != job.PostedVersion)
            {
                return new SaveResult(SaveOutcome.ChangedElsewhere, version);
            }

            var worksheet = new Worksheet { MeetingId = job.MeetingId, RepId = job.RepId, Version = 1, UpdatedAt = job.Now };
            db.Worksheets.Add(worksheet);
            await db.SaveChangesAsync();
            worksheetId = worksheet.Id;
            customerIds = await CustomerIdsAsync(job);
            sql.InsertEntries(worksheetId, job.Entries, customerIds);
        }

        touched.UnionWith(job.Entries.Select(e => customerIds[e.NormalizedName]));

        touched.UnionWith(job.Drops.Select(d => d.CustomerId));

        // Rare (only after a rep takes customers off their list), so EF rather than another prepared command.
        if (job.Drops.Count > 0)
        {
            db.Drops.AddRange(job.Drops.Select(d =>
                new Drop { WorksheetId = worksheetId, CustomerId = d.CustomerId, Reason = d.Reason, LastZone = d.LastZone }));
            await db.SaveChangesAsync();
        }

        return new SaveResult(SaveOutcome.Saved, job.PostedVersion + 1);
    }

    /// <summary>
    /// For a meeting this batch saved to, given its saves that stood and the customers each touched: bumps its
    /// versions in the same commit as the saves, so a cached snapshot can never outlive them; then brings its
    /// follow-ups in line, in their own savepoint: should that fail, the saves still stand, the meeting is marked
    /// <see cref="Meeting.FollowUpsBehind"/> in the same commit, and its next save (on any instance, after any restart)
    /// brings every customer's follow-ups up to date. Follow-ups are the team's, shown in every meeting's tally where
    /// they are live, so when any changed, every team meeting's tally version moves too.
    /// </summary>
    /// <returns>The meetings in play whose tally version moved: this one, later ones, and with follow-ups the team's.</returns>
    public async Task<IReadOnlyList<int>> MeetingSavedAsync(IReadOnlyList<(SaveJob Job, HashSet<int> Touched)> saves)
    {
        var (meetingId, teamId) = (saves[0].Job.MeetingId, saves[0].Job.TeamId);
        var (behind, inPlay) = versions.WorksheetsSaved(meetingId);
        sql.Run("SAVEPOINT followups");
        try
        {
            var customers = behind ? null : saves.SelectMany(s => s.Touched).ToHashSet();
            var changed = await FollowUpSync.ApplyAsync(db, [.. saves.Select(s => s.Job)], customers);
            sql.Run("RELEASE followups");
            if (behind)
            {
                sql.SetFollowUpsBehind(meetingId, false);
            }

            if (changed)
            {
                inPlay.AddRange(versions.FollowUpsChanged(teamId, meetingId));
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            sql.Run("ROLLBACK TO followups; RELEASE followups");
            if (!behind)
            {
                sql.SetFollowUpsBehind(meetingId, true);
            }

            LogFollowUpsFailed(logger, exception, meetingId);
        }

        db.ChangeTracker.Clear();
        return inPlay;
    }

    private static SaveOutcome Refusal(MeetingStatus status) => status == MeetingStatus.Locked ? SaveOutcome.Locked : SaveOutcome.NotOpenYet;

    /// <summary>Null once the worksheet's list is replaced; otherwise why the save was refused.</summary>
    private async Task<SaveResult?> ReplaceOrRefuseAsync(SaveJob job, int worksheetId, Dictionary<string, int> customerIds, HashSet<int> touched)
    {
        try
        {
            if (sql.ReplaceList(worksheetId, job.PostedVersion, job.MeetingId, job.Now, job.Entries, customerIds, touched) != 0)
            {
                return null;
            }
        }
        catch (DbException)
        {
            // On PostgreSQL the insert goes with the bump, so a stale or closed save's list can fail where it would never
            // have counted (a customer deleted since the request read it): refused, as on SQLite. A current save's
            // failure stands. The rollback first: after a failed statement PostgreSQL answers nothing else.
            sql.UndoSave();
            var refused = await RefusedAsync(job);
            if (refused.Outcome == SaveOutcome.ChangedElsewhere && refused.Version == job.PostedVersion)
            {
                throw;
            }

            return refused;
        }

        return await RefusedAsync(job);
    }

    /// <summary>Why a save whose version bump changed nothing was refused.</summary>
    private async Task<SaveResult> RefusedAsync(SaveJob job)
    {
        var (status, version) = await StateAsync(job);
        return new(status == MeetingStatus.Open ? SaveOutcome.ChangedElsewhere : Refusal(status), version);
    }

    /// <summary>The meeting's status and the worksheet's current version (0 before its first save).</summary>
    private async Task<(MeetingStatus Status, int Version)> StateAsync(SaveJob job)
    {
        var state = await db.Meetings
            .Where(m => m.Id == job.MeetingId)
            .Select(m => new
            {
                m.Status,
                // A scalar subquery: an object one would need APPLY, which SQLite lacks.
                Version = db.Worksheets
                    .Where(w => w.MeetingId == job.MeetingId && w.RepId == job.RepId)
                    .Select(w => (int?)w.Version)
                    .FirstOrDefault(),
            })
            .SingleAsync();
        return (state.Status, state.Version ?? 0);
    }

    /// <summary>Ids for every customer of the save, adding the new ones; under the lock this answer is final.</summary>
    private async Task<Dictionary<string, int>> CustomerIdsAsync(SaveJob job)
    {
        var ids = new Dictionary<string, int>(job.KnownCustomers, StringComparer.Ordinal);
        if (job.Entries.All(e => ids.ContainsKey(e.NormalizedName)))
        {
            return ids;
        }

        // Another save may have added some since the request's unlocked read.
        foreach (var (name, id) in await KnownCustomers.ReadAsync(db, job.TeamId, job.Entries, CancellationToken.None))
        {
            ids[name] = id;
        }

        var added = job.Entries
            .Where(e => !ids.ContainsKey(e.NormalizedName))
            .Select(e => new Customer { TeamId = job.TeamId, Name = e.Name, NormalizedName = e.NormalizedName })
            .ToList();
        db.Customers.AddRange(added);
        await db.SaveChangesAsync();
        foreach (var customer in added)
        {
            ids[customer.NormalizedName] = customer.Id;
        }

        return ids;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not bring the follow-ups of meeting {MeetingId} in line with its worksheets.")]
    private static partial void LogFollowUpsFailed(ILogger logger, Exception exception, int meetingId);
}
