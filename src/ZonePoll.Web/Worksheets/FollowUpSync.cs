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
        var meetingDate = await MeetingDateQuery.For(db)(db, meetingId);
        var now = jobs.Max(j => j.Now);
        var all = touched is null;
        int[] customers = all ? [.. await OnListsQuery.For(db)(db, meetingId).ToListAsync()] : [.. touched!];

        // Every entry here of these customers, once: those that need a follow-up, and (below) which customers are listed.
        var here = await InSlicesAsync(customers, slice => EntriesHereQuery.For(db)(db, meetingId, slice));
        var needing = here.Where(e => e.Zone == Zone.Recovery || e.Pinched).ToList();
        var known = await KnownAsync(db, teamId, meetingId, all ? null : customers);

        // Whether the customers of known follow-ups are still on someone's list here (they are among the customers read
        // above: known is of those, or of the team when those are the meeting's all), and why any that are not left.
        int[] knownCustomers = [.. known.Select(f => f.CustomerId).Distinct()];
        var onLists = here.Select(e => e.CustomerId).ToHashSet();
        var listed = knownCustomers.Where(onLists.Contains);
        var drops = await InSlicesAsync(knownCustomers, slice => DropsQuery.For(db)(db, meetingId, slice));

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
            await DeleteAsync(db, removed);
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

        var tracked = (await InSlicesAsync(ids, slice => TrackedQuery.For(db)(db, slice))).ToDictionary(f => f.Id);
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

    private sealed record EntryHere(int CustomerId, string RepId, Zone Zone, bool Pinched);

    private sealed record Dropped(int CustomerId, DropReason Reason);

    // A save's list and a few drops: the size of a batch while a room saves at its own pace, which takes one slice.
    private const int Slice = 40;

    /// <summary>
    /// The query over the customers <see cref="Slice"/> at a time. Each slice's ids go as that many parameters, whose
    /// statement EF keeps per count; one for every id of a burst's batch (640 or more) was a statement SQLite parsed
    /// anew each time, looking its parameters up by name one after another.
    /// </summary>
    private static async Task<List<T>> InSlicesAsync<T>(int[] customers, Func<int[], IAsyncEnumerable<T>> query)
    {
        List<T> found = [];
        foreach (var slice in customers.Chunk(Slice))
        {
            await foreach (var item in query(slice))
            {
                found.Add(item);
            }
        }

        return found;
    }

    // Compiled, every one: a room saving at its own pace commits a batch or two per save, and EF rebuilt these
    // statements' trees and looked them up each time, most of this class's cost (bench/README.md). Entries are found
    // through their customers (every meeting's, a short list each), each checked for this meeting: left to itself,
    // SQLite seeks the (WorksheetId, CustomerId) index once per customer per worksheet of a 500-rep meeting.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, Task<DateOnly>>> MeetingDateQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId) => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Date).Single()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, IAsyncEnumerable<int>>> OnListsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId) =>
            db.Worksheets.Where(w => w.MeetingId == meetingId).SelectMany(w => w.Entries).Select(e => e.CustomerId).Distinct()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int[], IAsyncEnumerable<EntryHere>>> EntriesHereQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int[] customers) =>
            db.Entries.AsNoTracking()
                .Where(e => customers.Contains(e.CustomerId) && db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId))
                .Select(e => new EntryHere(
                    e.CustomerId, db.Worksheets.Where(w => w.Id == e.WorksheetId).Select(w => w.RepId).First(), e.Zone, e.Pinched))));

    /// <summary>
    /// The team's open follow-ups, and those this meeting closed as having left Recovery (a correction may reopen them):
    /// all of the team's, or those of <paramref name="customers"/>. Each row is checked for the team here, once read:
    /// the customers' branch of <see cref="KnownQuery"/> has no team condition.
    /// </summary>
    private static async Task<List<KnownFollowUp>> KnownAsync(ZonePollDbContext db, int teamId, int meetingId, int[]? customers)
    {
        var rows = customers is null
            ? await KnownQuery.For(db)(db, teamId, meetingId, true, []).ToListAsync()
            : await InSlicesAsync(customers, slice => KnownQuery.For(db)(db, teamId, meetingId, false, slice));
        return [.. rows.Where(r => r.TeamId == teamId).Select(r => r.FollowUp)];
    }

    private sealed record KnownRow(int TeamId, KnownFollowUp FollowUp);

    /// <summary>
    /// One statement for both askings of <see cref="KnownAsync"/>, two branches of which <c>all</c> empties one: the team's
    /// follow-ups through the team's index, or some customers' through each customer's own. The customers' branch has no
    /// team condition: with one, SQLite chose the (TeamId, ClosedAt) index and read every follow-up the team has, at every
    /// save.
    /// </summary>
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, bool, int[], IAsyncEnumerable<KnownRow>>> KnownQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, int meetingId, bool all, int[] customers) =>
            db.FollowUps.Where(f => all && f.TeamId == teamId)
                .Concat(db.FollowUps.Where(f => !all && customers.Contains(f.CustomerId)))
                .AsNoTracking()
                .Where(f => f.ClosedAt == null || (f.ClosedMeetingId == meetingId && f.Closure == FollowUpClosure.LeftRecovery))
                // OpenedMeetingId is no foreign key: should that meeting be gone, the day it was opened stands in for its date.
                .Select(f => new KnownRow(f.TeamId, new KnownFollowUp(
                    f.Id,
                    f.CustomerId,
                    f.OpenedMeetingId,
                    db.Meetings.Where(m => m.Id == f.OpenedMeetingId).Select(m => (DateOnly?)m.Date).FirstOrDefault() ?? f.OpenedOn,
                    f.Version > 1 || f.ClarifiedOn != null || f.FixedOn != null || f.FollowedUpOn != null,
                    f.ClosedAt != null)))));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int[], IAsyncEnumerable<FollowUp>>> TrackedQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int[] ids) => db.FollowUps.Where(f => ids.Contains(f.Id))));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int[], IAsyncEnumerable<Dropped>>> DropsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int[] customers) =>
            db.Worksheets.AsNoTracking()
                .Where(w => w.MeetingId == meetingId)
                .SelectMany(w => w.Drops)
                .Where(d => customers.Contains(d.CustomerId))
                .Select(d => new Dropped(d.CustomerId, d.Reason))));

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

    /// <summary>The ids as one parameter, as <see cref="InsertOpenedAsync"/> sends its rows; their history goes by cascade.</summary>
    private static Task<int> DeleteAsync(ZonePollDbContext db, int[] ids) =>
        db.Database.IsSqlite()
            ? db.Database.ExecuteSqlAsync($"""DELETE FROM "FollowUps" WHERE "Id" IN (SELECT value FROM json_each({JsonSerializer.Serialize(ids)}))""")
            : db.Database.ExecuteSqlAsync($"""DELETE FROM "FollowUps" WHERE "Id" = ANY({ids})""");

    private static FollowUpChange Change(DateTimeOffset at, string? userId, string text) => new() { At = at, UserId = userId, Text = text };
}
