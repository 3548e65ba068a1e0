using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// Carries out <see cref="FollowUpRules"/> for a meeting once per group commit, inside the writer's transaction, so
/// a follow-up exists exactly when the committed worksheets say it should. Once per batch rather than per save: a
/// room of reps saving at once costs a handful of reads, not a few for each of them while the others wait. The rules
/// decide each customer on that customer's entries, drops and follow-ups alone, so a batch reads and reconciles only
/// the customers its saves touched (on the lists before and after); the rest were reconciled when last touched.
/// </summary>
internal static class FollowUpSync
{
    /// <param name="db">The writer's context, inside its transaction.</param>
    /// <param name="jobs">The saves of one meeting that this batch committed.</param>
    /// <param name="touched">The customers those saves had or have on their lists or drops; null for all of the meeting's.</param>
    /// <returns>Whether any follow-up was opened, closed, reopened or removed.</returns>
    public static async Task<bool> ApplyAsync(ZonePollDbContext db, IReadOnlyList<SaveJob> jobs, IReadOnlyCollection<int>? touched)
    {
        var (meetingId, teamId) = (jobs[0].MeetingId, jobs[0].TeamId);
        // Under the lock, not the date the request read: a re-date committed since has moved the meeting's follow-ups
        // already, and one opened now must fall due from the date the meeting has.
        var meetingDate = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Date).SingleAsync();
        var now = jobs.Max(j => j.Now);
        var all = touched is null;
        var customers = touched ?? [];

        var needing = await EntriesHere(db, meetingId, all ? null : customers)
            .Where(e => e.Zone == Zone.Recovery || e.Pinched)
            .Select(e => new { e.CustomerId, RepId = db.Worksheets.Where(w => w.Id == e.WorksheetId).Select(w => w.RepId).First(), e.Zone })
            .ToListAsync();
        var teamFollowUps = db.FollowUps.AsNoTracking()
            .Where(f => f.TeamId == teamId && (f.ClosedAt == null || (f.ClosedMeetingId == meetingId && f.Closure == FollowUpClosure.LeftRecovery)));
        int[] customerIds = [.. customers];
        var known = await (all ? teamFollowUps : teamFollowUps.Where(f => EF.Parameter(customerIds).Contains(f.CustomerId)))
            // OpenedMeetingId is no foreign key: should that meeting be gone, the day it was opened stands in for its date.
            .Select(f => new KnownFollowUp(
                f.Id,
                f.CustomerId,
                f.OpenedMeetingId,
                db.Meetings.Where(m => m.Id == f.OpenedMeetingId).Select(m => (DateOnly?)m.Date).FirstOrDefault() ?? f.OpenedOn,
                f.Version > 1 || f.ClarifiedOn != null || f.FixedOn != null || f.FollowedUpOn != null,
                f.ClosedAt != null))
            .ToListAsync();

        // Whether the customers of known follow-ups are still on someone's list here, and why any that are not left.
        int[] knownCustomers = [.. known.Select(f => f.CustomerId).Distinct()];
        var listed = knownCustomers.Length == 0 ? [] : await EntriesHere(db, meetingId, knownCustomers)
            .Select(e => e.CustomerId)
            .Distinct()
            .ToListAsync();
        var drops = knownCustomers.Length == 0 ? [] : await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == meetingId)
            .SelectMany(w => w.Drops, (w, d) => new { d.CustomerId, d.Reason })
            .Where(d => EF.Parameter(knownCustomers).Contains(d.CustomerId))
            .ToListAsync();

        var placed = listed.ToDictionary(id => id, FollowUpCause? (_) => null);
        foreach (var e in needing)
        {
            // Recovery outranks a pinch, as the lowest zone does in the tally.
            placed[e.CustomerId] = e.Zone == Zone.Recovery || placed.GetValueOrDefault(e.CustomerId) == FollowUpCause.Recovery
                ? FollowUpCause.Recovery
                : FollowUpCause.Pinch;
        }

        var reasons = drops.DistinctBy(d => d.CustomerId).ToDictionary(d => d.CustomerId, d => d.Reason);
        var actions = FollowUpRules.Reconcile(meetingId, meetingDate, placed, reasons, known);
        if (actions.Count == 0)
        {
            return false;
        }

        // The owner is a rep who placed the customer, one saving now if any.
        var savers = jobs.Select(j => j.RepId).ToHashSet(StringComparer.Ordinal);
        var owners = needing
            .GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => savers.Contains(e.RepId) ? 0 : 1).ThenBy(e => e.RepId, StringComparer.Ordinal).First().RepId);
        // Corrections are the bulk when a room re-saves: one statement for all of them (their history goes by cascade).
        int[] removed = [.. actions.OfType<FollowUpAction.Remove>().Select(r => r.Id)];
        if (removed.Length > 0)
        {
            await db.FollowUps.Where(f => EF.Parameter(removed).Contains(f.Id)).ExecuteDeleteAsync();
        }

        int[] ids = [.. actions.Select(a => a switch
        {
            FollowUpAction.Reopen r => r.Id,
            FollowUpAction.Close c => c.Id,
            _ => 0,
        }).Where(id => id != 0)];
        var opened = actions.OfType<FollowUpAction.Open>().Select(o => new OpenedRow(o.CustomerId, owners[o.CustomerId], o.Cause.ToString())).ToList();
        if (opened.Count > 0)
        {
            // Reps fill worksheets before the meeting, and may act on a customer before it too.
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var dueOn = FollowUpClock.AddWorkingDays(meetingDate, FollowUpClock.DefaultDueWorkingDays);
            await InsertOpenedAsync(db, teamId, meetingId, today < meetingDate ? today : meetingDate, dueOn, opened);
        }

        var tracked = ids.Length == 0 ? [] : await db.FollowUps.Where(f => EF.Parameter(ids).Contains(f.Id)).ToDictionaryAsync(f => f.Id);
        if (tracked.Count == 0)
        {
            return true;
        }

        foreach (var action in actions)
        {
            switch (action)
            {
                case FollowUpAction.Reopen reopen:
                    var back = tracked[reopen.Id];
                    (back.ClosedAt, back.Closure, back.DropReason, back.ClosedMeetingId) = (null, null, null, null);
                    back.Version++;
                    back.History.Add(Change(now, null, FollowUpHistoryText.Reopened));
                    break;
                case FollowUpAction.Close close:
                    var ended = tracked[close.Id];
                    (ended.ClosedAt, ended.Closure, ended.DropReason, ended.ClosedMeetingId) = (now, close.Closure, close.Reason, meetingId);
                    ended.Version++;
                    ended.History.Add(Change(now, null, close.Reason is { } reason
                        ? FollowUpHistoryText.ClosedDropped(reason)
                        : FollowUpHistoryText.ClosedLeftRecovery));
                    break;
            }
        }

        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>
    /// The meeting's entries, of the given customers only unless null. SQLite, left to itself, seeks the
    /// (WorksheetId, CustomerId) index once per customer per worksheet, every seek under the write lock, for a
    /// burst's batch of a 500-rep meeting. A few customers are found through their own entries (every meeting's, a
    /// short list each), checking each one's meeting; many through the meeting's entries, read once and checked
    /// against the list ("+ 0" keeps the index out of it), a cost bounded by the meeting's size. Long lists here and
    /// below go as one parameter (EF.Parameter: a JSON array on SQLite, an array on PostgreSQL): EF's default, one
    /// parameter per id, made a 640-customer batch a statement EF wrote and SQLite parsed anew each time, whose
    /// parameters SQLite looks up by name one after another, on every batch while a room saved at once.
    /// </summary>
    private static IQueryable<Entry> EntriesHere(ZonePollDbContext db, int meetingId, IReadOnlyCollection<int>? customers)
    {
        var everyEntry = db.Worksheets.AsNoTracking().Where(w => w.MeetingId == meetingId).SelectMany(w => w.Entries);
        if (customers is null)
        {
            return everyEntry;
        }

        int[] ids = [.. customers];
        return ids.Length <= FewCustomers
            ? db.Entries.AsNoTracking().Where(e => ids.Contains(e.CustomerId) && db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId))
            : everyEntry.Where(e => EF.Parameter(ids).Contains(e.CustomerId + 0));
    }

    // About one save's list and a few drops: the size of a batch while a room saves at its own pace.
    private const int FewCustomers = 40;

    private sealed record OpenedRow(int Customer, string Owner, string Cause);

    private static readonly JsonSerializerOptions RowsJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// One statement for every follow-up the batch opens, their varying columns as one JSON parameter. A room saving at
    /// once opens a couple of hundred per batch, and EF inserted each with a statement of its own that SQLite prepared
    /// anew, under the write lock. No history row: who opened it and when is the follow-up itself (owner, meeting, date).
    /// </summary>
    private static Task<int> InsertOpenedAsync(ZonePollDbContext db, int teamId, int meetingId, DateOnly openedOn, DateOnly dueOn, List<OpenedRow> rows)
    {
        var json = JsonSerializer.Serialize(rows, RowsJson);
        return db.Database.IsSqlite()
            ? db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "FollowUps" ("TeamId", "CustomerId", "OwnerId", "Cause", "OpenedMeetingId", "OpenedOn", "DueOn", "Version")
                SELECT {teamId}, json_extract(o.value, '$.customer'), json_extract(o.value, '$.owner'), json_extract(o.value, '$.cause'),
                  {meetingId}, {openedOn}, {dueOn}, 1
                FROM json_each({json}) AS o
                """)
            : db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "FollowUps" ("TeamId", "CustomerId", "OwnerId", "Cause", "OpenedMeetingId", "OpenedOn", "DueOn", "Version")
                SELECT {teamId}, o.customer, o.owner, o.cause, {meetingId}, {openedOn}, {dueOn}, 1
                FROM jsonb_to_recordset(CAST({json} AS jsonb)) AS o(customer integer, owner text, cause text)
                """);
    }

    private static FollowUpChange Change(DateTimeOffset at, string? userId, string text) => new() { At = at, UserId = userId, Text = text };
}
