using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.InteropServices;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>Turns a meeting's entries and roster into an immutable snapshot. Pure: no I/O, no clock.</summary>
public static class TallyBuilder
{
    private static readonly Zone[] ZoneOrder = [Zone.Recovery, Zone.Expectations, Zone.Surprises];
    private static readonly AccountType[] AccountTypeOrder = [AccountType.Key, AccountType.Growth, AccountType.New, AccountType.Standard];

    /// <summary>
    /// The snapshot of <paramref name="input"/>; <paramref name="previous"/>, the last one of the same meeting, saves sorting
    /// its lists again.
    /// </summary>
    public static TallySnapshot Build(TallyInput input, TallySnapshot? previous = null)
    {
        var meeting = input.Meeting;
        // Culture-aware comparison is the costly part of sorting names: sort the roster once, and from here on a rep
        // is their place in it, so ten thousand entries cost one string lookup each rather than one per question.
        var roster = InNameOrder(input.Reps);
        var repIndex = new RepIndex(roster);

        // Only reps still on the team count; a removed member's old worksheet drops out.
        var customerOf = new Dictionary<int, CustomerView>(input.Entries.Count);
        var customers = new List<CustomerView>(input.Entries.Count);
        var submitted = new bool[roster.Count];
        var repCounts = new int[roster.Count, ZoneOrder.Length + 1];
        var entryCount = 0;
        foreach (var e in input.Entries)
        {
            if (!repIndex.TryGetValue(e.RepId, out var rep))
            {
                continue;
            }

            var placed = new Placed(e, rep);
            entryCount++;
            submitted[rep] = true;
            repCounts[rep, (int)e.Zone]++;
            repCounts[rep, ZoneOrder.Length] += e.Pinched ? 1 : 0;
            if (!customerOf.TryGetValue(e.CustomerId, out var customer))
            {
                customer = new CustomerView(e.CustomerId, e.CustomerName);
                customerOf.Add(e.CustomerId, customer);
                customers.Add(customer);
            }

            customer.Add(placed);
        }

        var zoneCounts = new int[ZoneOrder.Length];
        var pinchedCounts = new int[ZoneOrder.Length];
        var byType = new int[AccountTypeOrder.Length, ZoneOrder.Length];
        // Per cause, the customers in Recovery and in Expectations it was given for (Surprises take none).
        var byCause = new int[ThreeRStyle.All.Count, (int)Zone.Surprises];
        foreach (var c in customers)
        {
            c.SortEntries(roster);
            zoneCounts[(int)c.Zone]++;
            pinchedCounts[(int)c.Zone] += c.Pinched ? 1 : 0;
            byType[(int)c.AccountType, (int)c.Zone]++;
            if (c.Causes != ThreeRs.None && c.Zone != Zone.Surprises)
            {
                for (var r = 0; r < ThreeRStyle.All.Count; r++)
                {
                    byCause[r, (int)c.Zone] += (c.Causes & ThreeRStyle.All[r].Cause) != 0 ? 1 : 0;
                }
            }
        }

        var percents = ZoneMath.LargestRemainderPercentages(zoneCounts);
        var zones = ZoneOrder
            .Select((z, i) =>
            {
                var style = ZoneStyle.Of(z);
                return new ZoneTally(z, style.FullName, style.Letter, zoneCounts[i], percents[i], pinchedCounts[i]);
            })
            .ToList();

        var participation = new Participation(
            input.Reps.Count(r => repIndex.TryGetValue(r.Id, out var i) && submitted[i]),
            input.Reps.Count,
            [.. roster.Where((_, i) => !submitted[i]).Select(r => r.Name)]);

        var reps = roster
            .Select((r, i) => (r, i))
            .Where(x => submitted[x.i])
            .Select(x => new RepTally(
                x.r.Name,
                repCounts[x.i, (int)Zone.Recovery],
                repCounts[x.i, (int)Zone.Expectations],
                repCounts[x.i, (int)Zone.Surprises],
                repCounts[x.i, ZoneOrder.Length]))
            .ToList();

        var accountTypes = AccountTypeOrder
            .Select(t => new AccountTypeTally(
                t, byType[(int)t, (int)Zone.Recovery], byType[(int)t, (int)Zone.Expectations], byType[(int)t, (int)Zone.Surprises]))
            .ToList();

        var earlier = input.LookUpEarlier();
        var before = meeting.PreviousDate is null ? null : earlier.TeamZones;
        var followUps = BuildFollowUps(input, previous?.FollowUps.Items);
        var followUpOf = followUps.Items.Where(f => f.Closure is null).ToDictionary(f => f.CustomerId);
        var recovery = KeptOrder
            .Sort(
                customers.FindAll(c => c.Zone == Zone.Recovery),
                c => new RecoveryKey(c.AccountType, c.Name, c.Id),
                k => k.CustomerId,
                previous?.Recovery.Select(r => new RecoveryKey(r.AccountType, r.Customer, r.CustomerId)),
                RecoveryKey.Order)
            .ConvertAll(c => RecoveryOf(c, roster, followUpOf.GetValueOrDefault(c.Id)));

        var shared = customers
            .Where(c => c.Entries.Length > 1)
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new SharedCustomer(c.Id, c.Name, c.Zone, Placements(c, roster)))
            .ToList();

        var threeRs = ThreeRStyle.All.Select((r, i) =>
            new ThreeRTally(r.Cause, r.Description, byCause[i, (int)Zone.Recovery], byCause[i, (int)Zone.Expectations]));

        return new TallySnapshot(
            meeting.Id,
            meeting.Title,
            meeting.TeamName,
            meeting.Date,
            meeting.Status,
            meeting.Revealed,
            meeting.ShowCustomerNames,
            customers.Count,
            entryCount,
            zones,
            participation,
            reps,
            accountTypes,
            recovery,
            shared,
            BuildMovement(meeting.PreviousDate, before, customers, submitted, earlier, roster),
            BuildChurn(meeting.PreviousDate, before?.Count ?? 0, customerOf, input, roster, repIndex),
            [.. threeRs],
            followUps,
            input.Prompts,
            AccountList(customers, c => c.Zone != Zone.Surprises && c.AccountType != AccountType.Standard),
            AccountList(customers, c => c.Zone == Zone.Expectations && c.Pinched),
            BuildActions(input));
    }

    /// <summary>
    /// The reps by name, in the culture's order. The loader sorts them with this once per roster read, and at every build
    /// checking that costs a comparison per rep where sorting costs a dozen; ties keep their order, as a stable sort does.
    /// </summary>
    internal static List<TallyRep> InNameOrder(IReadOnlyList<TallyRep> reps)
    {
        var compare = CultureInfo.CurrentCulture.CompareInfo;
        for (var i = 1; i < reps.Count; i++)
        {
            if (compare.Compare(reps[i - 1].Name, reps[i].Name) > 0)
            {
                return [.. reps.OrderBy(r => r.Name, StringComparer.CurrentCulture)];
            }
        }

        return [.. reps];
    }

    /// <summary>Key accounts first, then by name.</summary>
    private readonly record struct RecoveryKey(AccountType Type, string Name, int CustomerId)
    {
        public static int Order(RecoveryKey a, RecoveryKey b) =>
            a.Type != b.Type ? a.Type - b.Type : ByNameThenId(a.Name, a.CustomerId, b.Name, b.CustomerId);
    }

    /// <summary>Open ones first, overdue first among them, then soonest due, then by customer; closed ones after.</summary>
    private readonly record struct FollowUpKey(bool Closed, bool Overdue, DateOnly DueOn, string Customer, int Id)
    {
        public FollowUpKey(FollowUpItem f)
            : this(f.Closure is not null, f.Overdue, f.DueOn, f.Customer, f.Id)
        {
        }

        public static int Order(FollowUpKey a, FollowUpKey b) =>
            a.Closed != b.Closed ? a.Closed.CompareTo(b.Closed)
            : a.Overdue != b.Overdue ? b.Overdue.CompareTo(a.Overdue)
            : a.DueOn != b.DueOn ? a.DueOn.CompareTo(b.DueOn)
            : ByNameThenId(a.Customer, a.Id, b.Customer, b.Id);
    }

    /// <summary>The culture's order of names, then the id, so that two rows never tie (<see cref="KeptOrder"/> needs a total order).</summary>
    private static int ByNameThenId(string a, int aId, string b, int bId) =>
        CultureInfo.CurrentCulture.CompareInfo.Compare(a, b) is var name && name != 0 ? name : aId.CompareTo(bId);

    /// <summary>The reps who put the customer in Recovery, in the customer's entry order, and the notes they wrote.</summary>
    private static RecoveryItem RecoveryOf(CustomerView customer, List<TallyRep> roster, FollowUpItem? followUp)
    {
        var entries = customer.Entries;
        var (reps, notes) = (0, 0);
        foreach (var p in entries)
        {
            if (p.Entry.Zone == Zone.Recovery)
            {
                reps++;
                notes += p.Entry.Note is null ? 0 : 1;
            }
        }

        var repNames = new string[reps];
        var noteTexts = notes == 0 ? [] : new string[notes];
        (reps, notes) = (0, 0);
        foreach (var p in entries)
        {
            if (p.Entry.Zone == Zone.Recovery)
            {
                repNames[reps++] = roster[p.Rep].Name;
                if (p.Entry.Note is { } note)
                {
                    noteTexts[notes++] = note;
                }
            }
        }

        return new RecoveryItem(customer.Id, customer.Name, customer.AccountType, repNames, noteTexts, followUp);
    }

    private static RepZone[] Placements(CustomerView customer, List<TallyRep> roster)
    {
        var entries = customer.Entries;
        var placements = new RepZone[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            placements[i] = new RepZone(roster[entries[i].Rep].Name, entries[i].Entry.Zone);
        }

        return placements;
    }

    /// <summary>The meeting's actions, and the open ones of the last meeting that agreed any; overdue against today.</summary>
    private static ActionSummary BuildActions(TallyInput input)
    {
        ActionItem Item(TallyAction a) => new(
            a.Id, a.Text, a.Owner, a.DueOn, a.DoneOn is not null, a.DoneOn is null && a.DueOn < input.Today, a.CustomerId, a.Customer, a.Prompt);

        var items = (input.Actions ?? []).Select(Item).ToList();
        var last = input.LastTime is { } l
            ? new LastTimeActions(
                l.MeetingId,
                l.Title,
                l.Date,
                l.Actions.Count,
                l.Actions.Count(a => a.DoneOn is not null),
                [.. l.Actions.Where(a => a.DoneOn is null).Select(Item)])
            : null;
        return new ActionSummary(items.Count(i => !i.Done), items.Count(i => i.Done), items, last);
    }

    /// <summary>Lowest zone first, then key before growth before new, then by name; at most a projector's worth.</summary>
    private static List<AccountItem> AccountList(List<CustomerView> customers, Func<CustomerView, bool> which) =>
        FirstInOrder(customers.Where(which), TallySnapshot.PromptListRows, AccountOrder)
            .ConvertAll(c => new AccountItem(c.Id, c.Name, c.AccountType, c.Zone));

    // Enums subtracted, not CompareTo(object), which boxes both at every comparison.
    private static int AccountOrder(CustomerView a, CustomerView b) =>
        a.Zone != b.Zone ? a.Zone - b.Zone
        : a.AccountType != b.AccountType ? a.AccountType - b.AccountType
        : CultureInfo.CurrentCulture.CompareInfo.Compare(a.Name, b.Name);

    /// <summary>The first <paramref name="count"/> of <paramref name="items"/> as a stable sort by <paramref name="compare"/> puts them.</summary>
    internal static List<T> FirstInOrder<T>(IEnumerable<T> items, int count, Comparison<T> compare)
    {
        var shortlist = new Shortlist<T>(count, compare);
        foreach (var item in items)
        {
            shortlist.Offer(item);
        }

        return shortlist.Items;
    }

    /// <summary>
    /// The first <paramref name="count"/> of what it is offered, as a stable sort by <paramref name="compare"/> puts them.
    /// Thousands of candidates for a few dozen places: most cost one comparison with the last one kept, where a sort
    /// compared them all (by culture, among the many of one zone and type).
    /// </summary>
    private sealed class Shortlist<T>(int count, Comparison<T> compare)
    {
        public List<T> Items { get; } = new(Math.Max(count, 0) + 1);

        public void Offer(T item)
        {
            var kept = Items;
            if (count <= 0 || (kept.Count == count && compare(item, kept[^1]) >= 0))
            {
                return;
            }

            // After every kept one it does not come before: equal ones stay in the order they came, as in a stable sort.
            var at = kept.Count;
            while (at > 0 && compare(item, kept[at - 1]) < 0)
            {
                at--;
            }

            kept.Insert(at, item);
            if (kept.Count > count)
            {
                kept.RemoveAt(count);
            }
        }
    }

    private static FollowUpSummary BuildFollowUps(TallyInput input, IReadOnlyList<FollowUpItem>? previous)
    {
        var unsorted = (input.FollowUps ?? [])
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
                    f.Closure,
                    f.DropReason);
            })
            .ToList();
        var items = KeptOrder.Sort(unsorted, f => new FollowUpKey(f), k => k.Id, previous?.Select(f => new FollowUpKey(f)), FollowUpKey.Order);
        var open = items.Where(f => f.Closure is null).ToList();
        return new FollowUpSummary(
            open.Count,
            open.Count(f => f.Overdue),
            open.Count(f => f.DaysToFirstResponse is null),
            FollowUpClock.Median(items.Where(f => f.DaysToFirstResponse is not null).Select(f => f.DaysToFirstResponse!.Value)),
            items);
    }

    private static Movement? BuildMovement(
        DateOnly? previousDate,
        FrozenDictionary<int, Zone>? before,
        List<CustomerView> customers,
        bool[] submitted,
        PreviousLookup earlier,
        List<TallyRep> roster)
    {
        if (previousDate is null || before is null)
        {
            return null;
        }

        var wasOf = new IReadOnlyList<PreviousEntry>[roster.Count];
        for (var rep = 0; rep < roster.Count; rep++)
        {
            wasOf[rep] = earlier.OfRep(roster[rep].Id);
        }

        // A customer's entries name their reps, so one pass over the customers counts the team's moves and every rep's,
        // and finds each customer's story rows together: no table of rows across customers.
        Span<int> cells = stackalloc int[ZoneMath.CellCount];
        var repCells = new int[roster.Count * ZoneMath.CellCount];
        var story = new StoryBuilder(wasOf, roster);
        foreach (var c in customers)
        {
            Zone? teamWas = null;
            if (before.TryGetValue(c.Id, out var was))
            {
                cells[ZoneMath.Cell(was, c.Zone)]++;
                teamWas = was;
            }

            story.Start(c, teamWas);
            foreach (var p in c.Entries)
            {
                if (PreviousZone(wasOf[p.Rep], c.Id) is { } repWas)
                {
                    repCells[(p.Rep * ZoneMath.CellCount) + ZoneMath.Cell(repWas, p.Entry.Zone)]++;
                    story.Rep(repWas, p.Entry.Zone, p.Entry.AccountType);
                }
            }

            story.Finish();
        }

        var team = ZoneMath.Moves(cells);
        List<RepMovement> reps = [];
        for (var rep = 0; rep < roster.Count; rep++)
        {
            if (!submitted[rep] || wasOf[rep].Count == 0)
            {
                continue;
            }

            var moves = ZoneMath.Moves(repCells.AsSpan(rep * ZoneMath.CellCount, ZoneMath.CellCount));
            reps.Add(new RepMovement(
                roster[rep].Name,
                moves.Compared,
                moves.Up,
                moves.Same,
                moves.Down,
                moves.LeftRecovery,
                moves.RecoveryToSurprises,
                moves.IntoRecovery,
                moves.Matrix));
        }

        return new Movement(
            previousDate.Value,
            team.Compared,
            team.Up,
            team.Same,
            team.Down,
            team.LeftRecovery,
            team.RecoveryToSurprises,
            team.IntoRecovery,
            team.Matrix,
            reps,
            story.Build());
    }

    /// <summary>The customer's zone on the rep's own previous list, if it was on it: a list that short is scanned, not hashed.</summary>
    private static Zone? PreviousZone(IReadOnlyList<PreviousEntry> was, int customerId)
    {
        for (var i = 0; i < was.Count; i++)
        {
            if (was[i].CustomerId == customerId)
            {
                return was[i].Zone;
            }
        }

        return null;
    }

    /// <summary>
    /// The moves behind the matrix, one row per customer and move, fed a customer at a time. Each group counts its rows and
    /// keeps at most <see cref="MoveStory.RowsPerGroup"/> of them (key accounts first), so a meeting where thousands moved
    /// costs one cheap comparison per row, not a culture-aware sort of all; a kept row's reps are named only at the end.
    /// </summary>
    private sealed class StoryBuilder(IReadOnlyList<PreviousEntry>[] wasOf, List<TallyRep> roster)
    {
        private static readonly int Groups = Enum.GetValues<MoveGroup>().Length;
        private readonly int[] _counts = new int[Groups];
        private readonly Shortlist<Row>[] _kept = [.. Enumerable.Range(0, Groups).Select(_ => new Shortlist<Row>(MoveStory.RowsPerGroup, Row.Order))];
        // The current customer's rows: the team's move and each rep's, one per way it moved.
        private readonly List<Row> _rows = new(2);
        private CustomerView? _customer;

        public void Start(CustomerView customer, Zone? teamWas)
        {
            _customer = customer;
            _rows.Clear();
            if (teamWas is { } was && was != customer.Zone)
            {
                _rows.Add(new Row(customer, was, customer.Zone, customer.AccountType, Team: true));
            }
        }

        public void Rep(Zone was, Zone now, AccountType type)
        {
            if (was == now)
            {
                return;
            }

            for (var i = 0; i < _rows.Count; i++)
            {
                if (_rows[i].Was == was && _rows[i].Now == now)
                {
                    _rows[i] = _rows[i] with { AccountType = type < _rows[i].AccountType ? type : _rows[i].AccountType };
                    return;
                }
            }

            _rows.Add(new Row(_customer!, was, now, type, Team: false));
        }

        public void Finish()
        {
            foreach (var row in _rows)
            {
                var group = (int)MoveStory.GroupOf(row.Was, row.Now);
                _counts[group]++;
                _kept[group].Offer(row);
            }
        }

        public MoveStory Build()
        {
            List<CustomerMove> moves = [];
            foreach (var kept in _kept)
            {
                moves.AddRange(kept.Items
                    .OrderBy(r => r.AccountType).ThenBy(r => r.Was).ThenBy(r => r.Now)
                    .ThenBy(r => r.Customer.Name, StringComparer.CurrentCulture).ThenBy(r => r.Customer.Id)
                    .Select(Move));
            }

            return moves.Count == 0
                ? MoveStory.None
                : new MoveStory(
                    _counts[(int)MoveGroup.StraightToSurprises],
                    _counts[(int)MoveGroup.RecoveryToExpectations],
                    _counts[(int)MoveGroup.ExpectationsToSurprises],
                    _counts[(int)MoveGroup.Down],
                    moves);
        }

        /// <summary>The row with the reps whose own lists moved the customer so, in roster order.</summary>
        private CustomerMove Move(Row row)
        {
            var c = row.Customer;
            List<int> reps = [];
            foreach (var p in c.Entries)
            {
                if (p.Entry.Zone == row.Now && PreviousZone(wasOf[p.Rep], c.Id) == row.Was)
                {
                    reps.Add(p.Rep);
                }
            }

            reps.Sort();
            return new CustomerMove(c.Id, c.Name, row.Was, row.Now, row.Team, [.. reps.Select(r => roster[r].Name)]);
        }

        private readonly record struct Row(CustomerView Customer, Zone Was, Zone Now, AccountType AccountType, bool Team)
        {
            // Enums subtracted, names ordinal: a total order, so which rows a group keeps never depends on the order they came.
            public static int Order(Row a, Row b) =>
                a.AccountType != b.AccountType ? a.AccountType - b.AccountType
                : string.CompareOrdinal(a.Customer.Name, b.Customer.Name) is var name && name != 0 ? name
                : a.Customer.Id != b.Customer.Id ? a.Customer.Id.CompareTo(b.Customer.Id)
                : a.Was != b.Was ? a.Was - b.Was
                : a.Now - b.Now;
        }
    }

    /// <summary>Churn against <paramref name="baseCount"/>, the customers counted at the previous meeting.</summary>
    private static Churn? BuildChurn(
        DateOnly? previousDate,
        int baseCount,
        Dictionary<int, CustomerView> customerOf,
        TallyInput input,
        List<TallyRep> roster,
        RepIndex repIndex)
    {
        if (previousDate is null)
        {
            return null;
        }

        // A removed rep's reasons drop out with their worksheet; a customer still on someone's list is not lost.
        var drops = input.Drops.Where(d => repIndex.ContainsKey(d.RepId)).ToList();
        var churned = drops
            .Where(d => ZoneMath.IsLost(d.Reason, onAList: customerOf.ContainsKey(d.CustomerId)))
            .GroupBy(d => d.CustomerId)
            .Select(g => g.OrderBy(d => d.LastZone).ThenBy(d => repIndex[d.RepId]).First())
            .OrderByDescending(d => d.LastZone).ThenBy(d => d.CustomerName, StringComparer.CurrentCulture)
            .Select(d => new ChurnedCustomer(d.CustomerId, d.CustomerName, d.LastZone, roster[repIndex[d.RepId]].Name, d.Reason))
            .ToList();
        var reasons = DropReasons.All
            .Select(r => new ReasonCount(r.Reason, r.Label, drops.Where(d => d.Reason == r.Reason).Select(d => d.CustomerId).Distinct().Count()))
            .ToList();
        var reps = drops
            .GroupBy(d => d.RepId, StringComparer.Ordinal)
            .OrderBy(g => repIndex[g.Key])
            .Select(g => new RepChurn(roster[repIndex[g.Key]].Name, g.Count(d => DropReasons.IsChurn(d.Reason)), g.Count()))
            .ToList();
        var rate = ZoneMath.ChurnRate(churned.Count, baseCount);
        return new Churn(previousDate.Value, churned.Count, baseCount, rate, churned.Count(c => c.Unforeseen), reasons, churned, reps);
    }

    /// <summary>
    /// A rep's place in the roster, by id. Entries and previous lists come a worksheet at a time, so the last id asked
    /// for is remembered: a run of one rep's entries costs one lookup of their id, not one each.
    /// </summary>
    private sealed class RepIndex
    {
        private readonly Dictionary<string, int> _placeOf;
        private string? _lastId;
        private int _lastPlace = -1;

        public RepIndex(List<TallyRep> roster)
        {
            _placeOf = new Dictionary<string, int>(roster.Count, StringComparer.Ordinal);
            for (var i = 0; i < roster.Count; i++)
            {
                _placeOf.Add(roster[i].Id, i);
            }
        }

        public int this[string repId] => TryGetValue(repId, out var place) ? place : throw new KeyNotFoundException(repId);

        public bool TryGetValue(string repId, out int place)
        {
            if (!string.Equals(repId, _lastId, StringComparison.Ordinal))
            {
                _lastPlace = _placeOf.TryGetValue(repId, out var found) ? found : -1;
                _lastId = repId;
            }

            place = _lastPlace;
            return place >= 0;
        }

        public bool ContainsKey(string repId) => TryGetValue(repId, out _);
    }

    /// <summary>An entry of a rep still on the team, with the rep's place in the roster.</summary>
    private readonly record struct Placed(TallyEntry Entry, int Rep);

    /// <summary>
    /// A customer as the team counts it: in the lowest zone any rep gave it, with the pinch and causes of the entries
    /// that put it there, and the lowest (most important) account type.
    /// </summary>
    private sealed class CustomerView(int id, string name)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public Zone Zone { get; private set; }
        public AccountType AccountType { get; private set; }
        public bool Pinched { get; private set; }
        public ThreeRs Causes { get; private set; }
        // Most customers are on one rep's list: their entry is kept here, and an array only for the shared ones.
        private Placed _only;
        private Placed[]? _entries;
        private int _count;

        public ReadOnlySpan<Placed> Entries => _entries is null ? MemoryMarshal.CreateReadOnlySpan(ref _only, _count) : _entries.AsSpan(0, _count);

        public void Add(Placed placed)
        {
            var e = placed.Entry;
            if (_count == 0 || e.Zone < Zone)
            {
                (Zone, Pinched, Causes) = (e.Zone, e.Pinched, e.Causes);
            }
            else if (e.Zone == Zone)
            {
                (Pinched, Causes) = (Pinched || e.Pinched, Causes | e.Causes);
            }

            AccountType = _count == 0 || e.AccountType < AccountType ? e.AccountType : AccountType;
            if (_count == 0)
            {
                _only = placed;
            }
            else if (_entries is null)
            {
                _entries = [_only, placed, default, default];
            }
            else
            {
                if (_count == _entries.Length)
                {
                    Array.Resize(ref _entries, _count * 2);
                }

                _entries[_count] = placed;
            }

            _count++;
        }

        /// <summary>By rep name, ordinal and stable, as the shared list and the Recovery list name them.</summary>
        public void SortEntries(List<TallyRep> roster)
        {
            if (_entries is null)
            {
                return;
            }

            // An insertion sort: stable, and a shared customer is on a handful of lists.
            for (var i = 1; i < _count; i++)
            {
                var placed = _entries[i];
                var j = i - 1;
                for (; j >= 0 && string.CompareOrdinal(roster[_entries[j].Rep].Name, roster[placed.Rep].Name) > 0; j--)
                {
                    _entries[j + 1] = _entries[j];
                }

                _entries[j + 1] = placed;
            }
        }
    }
}
