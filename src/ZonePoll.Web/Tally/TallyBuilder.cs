using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>Turns a meeting's entries and roster into an immutable snapshot. Pure: no I/O, no clock.</summary>
public static class TallyBuilder
{
    private static readonly Zone[] ZoneOrder = [Zone.Recovery, Zone.Expectations, Zone.Surprises];
    private static readonly AccountType[] AccountTypeOrder = [AccountType.Key, AccountType.Growth, AccountType.New, AccountType.Standard];

    public static TallySnapshot Build(TallyInput input)
    {
        var meeting = input.Meeting;
        var repNames = input.Reps.ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        // Culture-aware comparison is the costly part of sorting 500 names: sort the roster once, reuse the order.
        var roster = input.Reps.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var repOrder = roster.Select((r, i) => (r.Id, i)).ToDictionary(r => r.Id, r => r.i, StringComparer.Ordinal);

        // Only reps still on the team count; a removed member's old worksheet drops out.
        var entries = input.Entries.Where(e => repNames.ContainsKey(e.RepId)).ToList();
        var customers = entries
            .GroupBy(e => e.CustomerId)
            .Select(g =>
            {
                var zone = g.Min(e => e.Zone);
                // Pinch and causes come from the entries that put the customer in the zone it is counted in.
                var (pinched, causes) = (false, ThreeRs.None);
                foreach (var e in g.Where(e => e.Zone == zone))
                {
                    (pinched, causes) = (pinched || e.Pinched, causes | e.Causes);
                }

                return new CustomerView(
                    g.Key,
                    g.First().CustomerName,
                    zone,
                    g.Min(e => e.AccountType),
                    [.. g.OrderBy(e => repNames[e.RepId], StringComparer.Ordinal)],
                    pinched,
                    causes);
            })
            .ToList();

        var zoneCounts = ZoneOrder.Select(z => customers.Count(c => c.Zone == z)).ToArray();
        var percents = LargestRemainderPercentages(zoneCounts);
        var zones = ZoneOrder
            .Select((z, i) => { var style = ZoneStyle.Of(z); return new ZoneTally(z, style.FullName, style.Letter, zoneCounts[i], percents[i], customers.Count(c => c.Zone == z && c.Pinched)); })
            .ToList();

        var submitted = entries.Select(e => e.RepId).ToHashSet(StringComparer.Ordinal);
        var participation = new Participation(
            input.Reps.Count(r => submitted.Contains(r.Id)),
            input.Reps.Count,
            [.. roster.Where(r => !submitted.Contains(r.Id)).Select(r => r.Name)]);

        var byRep = entries.ToLookup(e => e.RepId, StringComparer.Ordinal);
        var reps = roster
            .Where(r => submitted.Contains(r.Id))
            .Select(r =>
            {
                var own = byRep[r.Id];
                return new RepTally(r.Name, own.Count(e => e.Zone == Zone.Recovery), own.Count(e => e.Zone == Zone.Expectations), own.Count(e => e.Zone == Zone.Surprises), own.Count(e => e.Pinched));
            })
            .ToList();

        var accountTypes = AccountTypeOrder
            .Select(t =>
            {
                var ofType = customers.Where(c => c.AccountType == t).ToList();
                return new AccountTypeTally(t, ofType.Count(c => c.Zone == Zone.Recovery), ofType.Count(c => c.Zone == Zone.Expectations), ofType.Count(c => c.Zone == Zone.Surprises));
            })
            .ToList();

        var followUps = BuildFollowUps(input);
        var followUpOf = followUps.Items.Where(f => f.Closure is null).ToDictionary(f => f.CustomerId);
        var recovery = customers
            .Where(c => c.Zone == Zone.Recovery)
            .OrderBy(c => c.AccountType).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c =>
            {
                var inRecovery = c.Entries.Where(e => e.Zone == Zone.Recovery).ToList();
                return new RecoveryItem(
                    c.Id,
                    c.Name,
                    c.AccountType,
                    [.. inRecovery.Select(e => repNames[e.RepId])],
                    [.. inRecovery.Where(e => e.Note is not null).Select(e => e.Note!)],
                    followUpOf.GetValueOrDefault(c.Id));
            })
            .ToList();

        var shared = customers
            .Where(c => c.Entries.Count > 1)
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new SharedCustomer(c.Id, c.Name, c.Zone, [.. c.Entries.Select(e => new RepZone(repNames[e.RepId], e.Zone))]))
            .ToList();

        return new TallySnapshot(
            meeting.Id,
            meeting.Title,
            meeting.TeamName,
            meeting.Date,
            meeting.Status,
            meeting.Revealed,
            meeting.ShowCustomerNames,
            customers.Count,
            entries.Count,
            zones,
            participation,
            reps,
            accountTypes,
            recovery,
            shared,
            BuildMovement(meeting.PreviousDate, customers, entries, input, repNames, repOrder),
            BuildChurn(meeting.PreviousDate, customers, input, repNames, repOrder),
            [.. ThreeRStyle.All.Select(r => new ThreeRTally(
                r.Cause,
                r.Description,
                customers.Count(c => c.Zone == Zone.Recovery && c.Causes.HasFlag(r.Cause)),
                customers.Count(c => c.Zone == Zone.Expectations && c.Causes.HasFlag(r.Cause))))],
            followUps,
            input.Prompts);
    }

    /// <summary>Open ones first, overdue first among them, then soonest due; closed ones after.</summary>
    private static FollowUpSummary BuildFollowUps(TallyInput input)
    {
        var items = (input.FollowUps ?? [])
            .Select(f =>
            {
                var times = FollowUpClock.Times(f.OpenedOn, FollowUpClock.FirstResponse(f.ClarifiedOn, f.FixedOn, f.FollowedUpOn), f.ClosedOn, input.Today);
                var open = f.Closure is null;
                return new FollowUpItem(
                    f.Id,
                    f.CustomerId,
                    f.Customer,
                    f.Owner,
                    f.Cause,
                    open ? FollowUpStepStyle.Next(f.ClarifiedOn, f.FixedOn, f.FollowedUpOn) : null,
                    f.DueOn,
                    open && f.DueOn < input.Today,
                    times.DaysOpen,
                    times.DaysToFirstResponse,
                    f.Closure);
            })
            .OrderBy(f => f.Closure is not null).ThenByDescending(f => f.Overdue).ThenBy(f => f.DueOn).ThenBy(f => f.Customer, StringComparer.CurrentCulture)
            .ToList();
        var open = items.Where(f => f.Closure is null).ToList();
        return new FollowUpSummary(
            open.Count,
            open.Count(f => f.Overdue),
            open.Count(f => f.DaysToFirstResponse is null),
            FollowUpClock.Median(items.Where(f => f.DaysToFirstResponse is not null).Select(f => f.DaysToFirstResponse!.Value)),
            items);
    }

    /// <summary>Whole percentages that add up to exactly 100 (all zero when nothing is in).</summary>
    public static int[] LargestRemainderPercentages(IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        var result = new int[counts.Count];
        if (total == 0)
        {
            return result;
        }

        for (var i = 0; i < counts.Count; i++)
        {
            result[i] = counts[i] * 100 / total;
        }

        var missing = 100 - result.Sum();
        var byRemainder = Enumerable.Range(0, counts.Count)
            .OrderByDescending(i => counts[i] * 100 % total)
            .ThenBy(i => i)
            .Take(missing);
        foreach (var i in byRemainder)
        {
            result[i]++;
        }

        return result;
    }

    private static Movement? BuildMovement(DateOnly? previousDate, List<CustomerView> customers, List<TallyEntry> entries, TallyInput input, Dictionary<string, string> repNames, Dictionary<string, int> repOrder)
    {
        if (previousDate is null)
        {
            return null;
        }

        // At the previous meeting, too, a customer counts in the lowest zone any rep gave it.
        var before = new Dictionary<int, Zone>(input.Previous.Count);
        foreach (var p in input.Previous)
        {
            before[p.CustomerId] = before.TryGetValue(p.CustomerId, out var zone) && zone < p.Zone ? zone : p.Zone;
        }

        var team = Moves(customers.Where(c => before.ContainsKey(c.Id)).Select(c => (before[c.Id], c.Zone)));

        var repBefore = input.RepPrevious.ToLookup(p => p.RepId, StringComparer.Ordinal);
        var reps = entries
            .GroupBy(e => e.RepId, StringComparer.Ordinal)
            .Where(g => repBefore.Contains(g.Key))
            .OrderBy(g => repOrder[g.Key])
            .Select(g =>
            {
                // Ten against ten: a join by scanning beats building a dictionary per rep.
                var was = repBefore[g.Key];
                var moves = Moves(g.SelectMany(e => was.Where(p => p.CustomerId == e.CustomerId).Take(1).Select(p => (p.Zone, e.Zone))));
                return new RepMovement(repNames[g.Key], moves.Compared, moves.Up, moves.Same, moves.Down, moves.LeftRecovery, moves.RecoveryToSurprises, moves.IntoRecovery, moves.Matrix);
            })
            .ToList();

        return new Movement(previousDate.Value, team.Compared, team.Up, team.Same, team.Down, team.LeftRecovery, team.RecoveryToSurprises, team.IntoRecovery, team.Matrix, reps);
    }

    /// <summary>The 3×3 matrix (previous zone by current zone) and the counts named after it; the trend uses it too.</summary>
    public static ZoneMoves Moves(IEnumerable<(Zone Was, Zone Now)> pairs)
    {
        // One pass into the matrix; every named count is a sum over its cells.
        var cells = new int[ZoneOrder.Length, ZoneOrder.Length];
        foreach (var (was, now) in pairs)
        {
            cells[(int)was, (int)now]++;
        }

        int compared = 0, up = 0, same = 0, down = 0;
        for (var was = 0; was < ZoneOrder.Length; was++)
        {
            for (var now = 0; now < ZoneOrder.Length; now++)
            {
                compared += cells[was, now];
                up += now > was ? cells[was, now] : 0;
                same += now == was ? cells[was, now] : 0;
                down += now < was ? cells[was, now] : 0;
            }
        }

        const int r = (int)Zone.Recovery;
        var stayed = cells[r, r];
        var leftRecovery = cells[r, (int)Zone.Expectations] + cells[r, (int)Zone.Surprises];
        var intoRecovery = cells[(int)Zone.Expectations, r] + cells[(int)Zone.Surprises, r];
        var matrix = ZoneOrder.Select(was => (IReadOnlyList<int>)[.. ZoneOrder.Select(now => cells[(int)was, (int)now])]).ToList();
        return new ZoneMoves(compared, up, same, down, leftRecovery, cells[r, (int)Zone.Surprises], intoRecovery, matrix);
    }

    private static Churn? BuildChurn(DateOnly? previousDate, List<CustomerView> customers, TallyInput input, Dictionary<string, string> repNames, Dictionary<string, int> repOrder)
    {
        if (previousDate is null)
        {
            return null;
        }

        // A removed rep's reasons drop out with their worksheet; a customer still on someone's list is not lost.
        var drops = input.Drops.Where(d => repNames.ContainsKey(d.RepId)).ToList();
        var onAList = customers.Select(c => c.Id).ToHashSet();
        var churned = drops
            .Where(d => IsLost(d.Reason, d.CustomerId, onAList))
            .GroupBy(d => d.CustomerId)
            .Select(g => g.OrderBy(d => d.LastZone).ThenBy(d => repNames[d.RepId], StringComparer.CurrentCulture).First())
            .OrderByDescending(d => d.LastZone).ThenBy(d => d.CustomerName, StringComparer.CurrentCulture)
            .Select(d => new ChurnedCustomer(d.CustomerId, d.CustomerName, d.LastZone, repNames[d.RepId], d.Reason))
            .ToList();
        var baseCount = input.Previous.Select(p => p.CustomerId).Distinct().Count();
        var reasons = DropReasons.All
            .Select(r => new ReasonCount(r.Reason, r.Label, drops.Where(d => d.Reason == r.Reason).Select(d => d.CustomerId).Distinct().Count()))
            .ToList();
        var reps = drops
            .GroupBy(d => d.RepId, StringComparer.Ordinal)
            .OrderBy(g => repOrder[g.Key])
            .Select(g => new RepChurn(repNames[g.Key], g.Count(d => DropReasons.IsChurn(d.Reason)), g.Count()))
            .ToList();
        return new Churn(previousDate.Value, churned.Count, baseCount, Rate(churned.Count, baseCount), churned.Count(c => c.Unforeseen), reasons, churned, reps);
    }

    /// <summary>Churn: dropped as lost to a competitor or stopped buying, and on nobody's list at this meeting.</summary>
    public static bool IsLost(DropReason reason, int customerId, IReadOnlySet<int> onAList) =>
        DropReasons.IsChurn(reason) && !onAList.Contains(customerId);

    /// <summary>The churn rate as a fraction, to four places (0.03 is 3 %); 0 when there was no one to lose.</summary>
    public static double Rate(int lost, int baseCount) => baseCount == 0 ? 0 : Math.Round((double)lost / baseCount, 4);

    private sealed record CustomerView(int Id, string Name, Zone Zone, AccountType AccountType, IReadOnlyList<TallyEntry> Entries, bool Pinched, ThreeRs Causes);
}
