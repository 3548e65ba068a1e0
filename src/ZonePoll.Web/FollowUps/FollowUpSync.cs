using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.FollowUps;

/// <summary>
/// Carries out <see cref="FollowUpRules"/> for one save, inside the writer's transaction, so a follow-up exists
/// exactly when the committed worksheets say it should. One small read per save; the rest only when something changes.
/// </summary>
internal static class FollowUpSync
{
    public static async Task ApplyAsync(ZonePollDbContext db, SaveJob job, IReadOnlyDictionary<string, int> customerIds)
    {
        var saved = job.Entries.Select(e => new SavedCustomer(customerIds[e.NormalizedName], Needs(e.Zone, e.Pinched))).ToList();
        var drops = job.Drops.ToDictionary(d => d.CustomerId, d => d.Reason);
        var customers = saved.Select(s => s.CustomerId).Concat(drops.Keys).ToList();

        // The customers of this save, and what this rep opened at this meeting (a customer taken off again is on neither list).
        var known = await db.FollowUps.AsNoTracking()
            .Where(f => f.TeamId == job.TeamId
                && (f.ClosedAt == null || (f.ClosedMeetingId == job.MeetingId && f.Closure == FollowUpClosure.LeftRecovery))
                && (customers.Contains(f.CustomerId) || (f.OpenedMeetingId == job.MeetingId && f.OwnerId == job.RepId)))
            .Select(f => new KnownFollowUp(f.Id, f.CustomerId, f.OpenedMeetingId, f.OpenedOn,
                f.Version > 1 || f.ClarifiedOn != null || f.FixedOn != null || f.FollowedUpOn != null, f.ClosedAt != null))
            .ToListAsync();

        // Only for a follow-up this rep's save would end: does another rep still have the customer in Recovery?
        var mine = saved.ToDictionary(s => s.CustomerId, s => s.Needs);
        var ask = known.Where(f => !f.ClosedHere && (!mine.TryGetValue(f.CustomerId, out var need) || need is null)).Select(f => f.CustomerId).ToList();
        var others = new Dictionary<int, FollowUpCause?>();
        if (ask.Count > 0)
        {
            var placed = await db.Worksheets.AsNoTracking()
                .Where(w => w.MeetingId == job.MeetingId && w.RepId != job.RepId)
                .SelectMany(w => w.Entries)
                .Where(e => ask.Contains(e.CustomerId))
                .Select(e => new { e.CustomerId, e.Zone, e.Pinched })
                .ToListAsync();
            foreach (var e in placed)
            {
                others[e.CustomerId] = others.GetValueOrDefault(e.CustomerId) ?? Needs(e.Zone, e.Pinched);
            }
        }

        var actions = FollowUpRules.Reconcile(job.MeetingId, job.MeetingDate, saved, drops, known, others);
        if (actions.Count == 0)
        {
            return;
        }

        var ids = actions.Select(a => a switch
        {
            FollowUpAction.Reopen r => r.Id,
            FollowUpAction.Close c => c.Id,
            FollowUpAction.Remove r => r.Id,
            _ => 0,
        }).Where(id => id != 0).ToList();
        var tracked = await db.FollowUps.Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id);
        foreach (var action in actions)
        {
            switch (action)
            {
                case FollowUpAction.Open open:
                    var followUp = new FollowUp
                    {
                        TeamId = job.TeamId,
                        CustomerId = open.CustomerId,
                        OwnerId = job.RepId,
                        Cause = open.Cause,
                        OpenedMeetingId = job.MeetingId,
                        // Reps fill worksheets before the meeting, and may act on a customer before it too.
                        OpenedOn = DateOnly.FromDateTime(job.Now.UtcDateTime) is var today && today < job.MeetingDate ? today : job.MeetingDate,
                        DueOn = FollowUpClock.AddWorkingDays(job.MeetingDate, FollowUpClock.DefaultDueWorkingDays),
                        Version = 1,
                    };
                    followUp.History.Add(Change(job, open.Cause == FollowUpCause.Recovery ? "Opened: placed in Service Recovery." : "Opened: feeling a pinch."));
                    db.FollowUps.Add(followUp);
                    break;
                case FollowUpAction.Reopen reopen:
                    var back = tracked[reopen.Id];
                    (back.ClosedAt, back.Closure, back.DropReason, back.ClosedMeetingId) = (null, null, null, null);
                    back.Version++;
                    back.History.Add(Change(job, "Reopened: placed back in Service Recovery (or feeling a pinch) at the same meeting."));
                    break;
                case FollowUpAction.Close close:
                    var ended = tracked[close.Id];
                    (ended.ClosedAt, ended.Closure, ended.DropReason, ended.ClosedMeetingId) = (job.Now, close.Closure, close.Reason, job.MeetingId);
                    ended.Version++;
                    ended.History.Add(Change(job, close.Reason is { } reason
                        ? $"Closed: dropped from the list ({DropReasons.Label(reason)})."
                        : "Closed: left Recovery (placed in Expectations or Surprises with no pinch)."));
                    break;
                case FollowUpAction.Remove remove:
                    db.FollowUps.Remove(tracked[remove.Id]);
                    break;
            }
        }

        await db.SaveChangesAsync();
    }

    public static FollowUpCause? Needs(Zone zone, bool pinched) =>
        zone == Zone.Recovery ? FollowUpCause.Recovery : pinched ? FollowUpCause.Pinch : null;

    private static FollowUpChange Change(SaveJob job, string text) => new() { At = job.Now, UserId = job.RepId, Text = text };
}
