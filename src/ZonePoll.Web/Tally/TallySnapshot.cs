using System.Globalization;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>What <see cref="TallyBuilder"/> needs: plain data, loaded by <see cref="TallyQuery"/>.</summary>
public sealed record TallyInput(
    TallyMeeting Meeting,
    IReadOnlyList<TallyRep> Reps,
    IReadOnlyList<TallyEntry> Entries,
    IReadOnlyList<PreviousEntry> Previous,
    IReadOnlyList<PreviousEntry> RepPrevious,
    IReadOnlyList<TallyDrop> Drops,
    IReadOnlyList<TallyPrompt> Prompts,
    IReadOnlyList<TallyFollowUp>? FollowUps = null,
    DateOnly Today = default,
    IReadOnlyList<TallyAction>? Actions = null,
    TallyEarlierActions? LastTime = null,
    PreviousLookup? Lookup = null)
{
    /// <summary>
    /// <see cref="Previous"/> and <see cref="RepPrevious"/> indexed: the loader's <see cref="Lookup"/>, kept with its rows,
    /// or built now from the lists (a new one at every call).
    /// </summary>
    public PreviousLookup LookUpEarlier() => Lookup ?? PreviousLookup.Of(Previous, RepPrevious);
}

/// <summary>An action agreed in a meeting, as stored; <see cref="DoneOn"/> null while open.</summary>
public sealed record TallyAction(
    int Id, string Text, string Owner, DateOnly DueOn, DateOnly? DoneOn, int? CustomerId = null, string? Customer = null, string? Prompt = null);

/// <summary>The actions of the team's latest earlier meeting that agreed any: what "last time" asks after.</summary>
public sealed record TallyEarlierActions(int MeetingId, string Title, DateOnly Date, IReadOnlyList<TallyAction> Actions);

/// <summary>
/// A team follow-up live at the meeting: opened on or before its date, and open, closed since, or closed by its own worksheets. The clock
/// counts to <see cref="TallyInput.Today"/> while it is open.
/// </summary>
public sealed record TallyFollowUp(
    int Id,
    int CustomerId,
    string Customer,
    string Owner,
    FollowUpCause Cause,
    DateOnly OpenedOn,
    DateOnly DueOn,
    DateOnly? ClarifiedOn,
    DateOnly? FixedOn,
    DateOnly? FollowedUpOn,
    DateOnly? ClosedOn,
    FollowUpClosure? Closure,
    DropReason? DropReason = null);

public sealed record TallyMeeting(
    int Id, string Title, string TeamName, DateOnly Date, MeetingStatus Status, bool Revealed, bool ShowCustomerNames, DateOnly? PreviousDate);

public sealed record TallyRep(string Id, string Name);

public sealed record TallyEntry(
    string RepId,
    int CustomerId,
    string CustomerName,
    Zone Zone,
    AccountType AccountType,
    string? Note,
    bool Pinched = false,
    ThreeRs Causes = ThreeRs.None);

/// <summary>
/// How a rep placed a customer earlier: at the team's previous meeting (<see cref="TallyInput.Previous"/>), or on
/// the rep's own previous worksheet (<see cref="TallyInput.RepPrevious"/>, which is older when they missed one).
/// </summary>
public sealed record PreviousEntry(string RepId, int CustomerId, Zone Zone);

/// <summary>A customer a rep took off their list at this meeting, with the reason given.</summary>
public sealed record TallyDrop(string RepId, int CustomerId, string CustomerName, DropReason Reason, Zone LastZone);

/// <summary>
/// The team breakdown of a meeting, as the dashboard, the projector, tally.json and the handout show it.
/// Customer totals count each customer once (see <see cref="SharedCustomer"/>); per-rep rows count each rep's own entries.
/// </summary>
public sealed record TallySnapshot(
    int MeetingId,
    string Title,
    string TeamName,
    DateOnly Date,
    MeetingStatus Status,
    bool Revealed,
    bool ShowCustomerNames,
    int Customers,
    int Entries,
    IReadOnlyList<ZoneTally> Zones,
    Participation Participation,
    IReadOnlyList<RepTally> Reps,
    IReadOnlyList<AccountTypeTally> AccountTypes,
    IReadOnlyList<RecoveryItem> Recovery,
    IReadOnlyList<SharedCustomer> Shared,
    Movement? Movement,
    Churn? Churn,
    IReadOnlyList<ThreeRTally> ThreeRs,
    FollowUpSummary FollowUps,
    IReadOnlyList<TallyPrompt> Prompts,
    IReadOnlyList<AccountItem> KeyAccounts,
    IReadOnlyList<AccountItem> PinchedCustomers,
    ActionSummary Actions)
{
    /// <summary>The most customers a prompt's list carries; the projector and handout say "+N more" past it.</summary>
    public const int PromptListRows = 60;

    public ZoneTally Zone(Zone zone) => Zones.Single(z => z.Zone == zone);

    /// <summary>What the projector shows beside each prompt: customers named only while the manager shows names.</summary>
    public IReadOnlyList<PromptDataView?> PromptViews => PromptDataView.ForPrompts(this, ShowCustomerNames);

    /// <summary>
    /// What the managers' live screens are sent at each change, beside the full snapshot tally.json serves. The projector
    /// draws counts, bars, a screen's worth of Recovery names (saying "+N more" from the Recovery count), the team's moves,
    /// churn, prompts with their data (<see cref="PromptViews"/>, drawn from what is kept) and actions; the remote reads
    /// the switches, prompts and actions; the dashboard only re-reads its page. Each Recovery customer's reps and notes,
    /// the shared customers, every rep's matrix and the follow-ups' list stay in tally.json and the handout: in a 500-rep
    /// room they were four fifths of every message, written and read twenty times a second.
    /// </summary>
    public TallySnapshot ForProjector() => this with
    {
        Recovery = [.. Recovery.Take(PromptListRows).Select(r => r with { Reps = [], Notes = [] })],
        FollowUps = FollowUps with { Items = [] },
        Shared = [],
        Movement = Movement is null ? null : Movement with { Reps = [] },
    };

    /// <summary>
    /// What a rep may see: team totals only, no other rep's name or rows; customer names only when the
    /// manager shows them, and zone counts only once revealed.
    /// </summary>
    public TallySnapshot ForRep() => this with
    {
        Zones = Revealed ? Zones : [],
        Customers = Revealed ? Customers : 0,
        Entries = Revealed ? Entries : 0,
        AccountTypes = Revealed ? AccountTypes : [],
        ThreeRs = Revealed ? ThreeRs : [],
        Participation = Participation with { NotSubmitted = [] },
        Reps = [],
        Recovery = Revealed && ShowCustomerNames ? [.. Recovery.Select(r => r with { Reps = [], Notes = [], FollowUp = null })] : [],
        // Like the story's movers: names shown to the room are the Recovery list's, not every key or pinched account.
        KeyAccounts = [],
        PinchedCustomers = [],
        FollowUps = Revealed ? FollowUps with { Items = [] } : FollowUpSummary.Hidden,
        Shared = [],
        // The story's counts stay; the customers and reps behind them do not.
        Movement = Revealed && Movement is not null ? Movement with { Reps = [], Story = Movement.Story with { Moves = [] } } : null,
        Churn = Revealed && Churn is not null ? Churn with { Customers = [], Reps = [] } : null,
        Actions = Actions.ForRep(Revealed && ShowCustomerNames),
    };
}

/// <summary>
/// The meeting's actions (<see cref="Items"/>, in the order they were agreed) and what became of the last ones
/// agreed (<see cref="LastTime"/>, null when no earlier meeting agreed any).
/// </summary>
public sealed record ActionSummary(int Open, int Done, IReadOnlyList<ActionItem> Items, LastTimeActions? LastTime)
{
    public static ActionSummary None { get; } = new(0, 0, [], null);

    /// <summary>
    /// What a rep sees: every action (the room agreed them aloud), but the customer named only while the manager shows
    /// names, as on the Recovery list; a rep's own actions, customers and all, are on their home page.
    /// </summary>
    public ActionSummary ForRep(bool customerNames) => customerNames
        ? this
        : this with
        {
            Items = [.. Items.Select(Anonymous)],
            LastTime = LastTime is null ? null : LastTime with { Open = [.. LastTime.Open.Select(Anonymous)] },
        };

    private static ActionItem Anonymous(ActionItem item) => item with { CustomerId = null, Customer = null };
}

/// <summary>One action: "Call Harbor about the delivery delay · Ana · by 11 Dec".</summary>
public sealed record ActionItem(
    int Id, string Text, string Owner, DateOnly DueOn, bool Done, bool Overdue, int? CustomerId, string? Customer, string? Prompt);

/// <summary>"Last time's actions: 3 of 5 done", with the ones still open.</summary>
public sealed record LastTimeActions(int MeetingId, string Title, DateOnly Date, int Total, int Done, IReadOnlyList<ActionItem> Open)
{
    public string Line => $"Last time's actions: {Done} of {Total} done";
}

/// <summary>A zone's customers; <see cref="Pinched"/> counts those of them feeling a pinch (Expectations only, not a fourth zone).</summary>
public sealed record ZoneTally(Zone Zone, string Name, string Letter, int Count, int Percent, int Pinched = 0);

public sealed record Participation(int RepsIn, int RepsTotal, IReadOnlyList<string> NotSubmitted);

public sealed record RepTally(string Name, int Recovery, int Expectations, int Surprises, int Pinched = 0)
{
    public int Total => Recovery + Expectations + Surprises;
}

public sealed record AccountTypeTally(AccountType AccountType, int Recovery, int Expectations, int Surprises)
{
    public int Total => Recovery + Expectations + Surprises;
}

/// <summary>A discussion prompt and the data shown beside it.</summary>
public sealed record TallyPrompt(string Text, PromptData Show);

/// <summary>A customer a prompt asks about (a key account not yet delighted, a pinched one), in the zone the team counts it.</summary>
public sealed record AccountItem(int CustomerId, string Customer, AccountType AccountType, Zone Zone);

/// <summary>How many customers counted in Recovery, and in Expectations, cite one of the Three R's.</summary>
public sealed record ThreeRTally(ThreeRs Cause, string Description, int Recovery, int Expectations);

public sealed record RecoveryItem(
    int CustomerId, string Customer, AccountType AccountType, IReadOnlyList<string> Reps, IReadOnlyList<string> Notes, FollowUpItem? FollowUp = null);

/// <summary>
/// The team's follow-ups at this meeting: open and overdue counts, and the median working days from a customer's
/// placing in Recovery (or pinch) to the first step done, over those with one. <see cref="Items"/> is for managers.
/// </summary>
public sealed record FollowUpSummary(int Open, int Overdue, int AwaitingFirstResponse, double? MedianDaysToFirstResponse, IReadOnlyList<FollowUpItem> Items)
{
    public static FollowUpSummary Hidden { get; } = new(0, 0, 0, null, []);

    /// <summary>The projector's line under the bars (present.js writes the same words).</summary>
    public string Line =>
        (Open == 0 ? "Follow-ups: none open" : $"Follow-ups: {Open} open · {Overdue} overdue")
        + (MedianDaysToFirstResponse switch
        {
            null => "",
            0 => " · first response the same day (median)",
            { } median =>
                $" · first response in a median of {median.ToString("0.#", CultureInfo.InvariantCulture)} working day{(median == 1 ? "" : "s")}",
        });
}

/// <summary>One follow-up in the words of the Recovery lists: "Clarify · Ana · by 1 Dec".</summary>
public static class FollowUpItemText
{
    public static string NextStep(FollowUpItem item) =>
        $"{(item.NextStep is { } step ? FollowUpStepStyle.Of(step).Name : "Done")} · {item.Owner} · "
        + $"by {item.DueOn.ToString("d MMM", CultureInfo.InvariantCulture)}{(item.Overdue ? " (overdue)" : "")}";
}

public sealed record FollowUpItem(
    int Id,
    int CustomerId,
    string Customer,
    string Owner,
    FollowUpCause Cause,
    FollowUpStep? NextStep,
    DateOnly DueOn,
    bool Overdue,
    int DaysOpen,
    int? DaysToFirstResponse,
    FollowUpClosure? Closure,
    DropReason? DropReason = null);

/// <summary>A customer on more than one rep's worksheet: counted once, in the lowest zone any rep gave it.</summary>
public sealed record SharedCustomer(int CustomerId, string Customer, Zone CountedIn, IReadOnlyList<RepZone> Placements);

public sealed record RepZone(string Rep, Zone Zone);

/// <summary>
/// Customers on the list at both the previous and this meeting, and which way they moved. <see cref="Matrix"/> is
/// previous zone (row) by current zone (column), Recovery, Expectations, Surprises; <see cref="LeftRecovery"/> is
/// "out of Recovery", and <see cref="RecoveryToSurprises"/> the service recovery paradox at work.
/// </summary>
public sealed record Movement(
    DateOnly PreviousDate,
    int Compared,
    int Up,
    int Same,
    int Down,
    int LeftRecovery,
    int RecoveryToSurprises,
    int IntoRecovery,
    IReadOnlyList<IReadOnlyList<int>> Matrix,
    IReadOnlyList<RepMovement> Reps,
    MoveStory Story);

/// <summary>
/// The customers behind the matrix, for the projector's "Since last time": every move of the team count (a customer in
/// its lowest zone) and every move on a rep's own list against their own previous worksheet, one row per customer and
/// move. A rep's Recovery to Surprises is named even when another rep keeps the team count lower. The counts are all the
/// rows per group (<see cref="CustomerMove.Group"/>), and are all a rep's view keeps; <see cref="Moves"/> holds at most
/// <see cref="RowsPerGroup"/> of each group, key accounts first, then by zones and name.
/// </summary>
public sealed record MoveStory(int StraightToSurprises, int RecoveryToExpectations, int ExpectationsToSurprises, int Down, IReadOnlyList<CustomerMove> Moves)
{
    /// <summary>More than a 4K projector shows in a group's column; the rest are "+N more" from the counts.</summary>
    public const int RowsPerGroup = 60;

    public static MoveStory None { get; } = new(0, 0, 0, 0, []);

    public static MoveGroup GroupOf(Zone was, Zone now) => (was, now) switch
    {
        (Zone.Recovery, Zone.Surprises) => MoveGroup.StraightToSurprises,
        (Zone.Recovery, Zone.Expectations) => MoveGroup.RecoveryToExpectations,
        (Zone.Expectations, Zone.Surprises) => MoveGroup.ExpectationsToSurprises,
        _ => MoveGroup.Down,
    };

    public int Count(MoveGroup group) => group switch
    {
        MoveGroup.StraightToSurprises => StraightToSurprises,
        MoveGroup.RecoveryToExpectations => RecoveryToExpectations,
        MoveGroup.ExpectationsToSurprises => ExpectationsToSurprises,
        _ => Down,
    };
}

/// <summary>
/// One customer's move from <see cref="Was"/> to <see cref="Now"/>: <see cref="Team"/> when the team count moved so, and
/// the <see cref="Reps"/> (roster order) whose own lists moved it so.
/// </summary>
public sealed record CustomerMove(int CustomerId, string Customer, Zone Was, Zone Now, bool Team, IReadOnlyList<string> Reps)
{
    public MoveGroup Group => MoveStory.GroupOf(Was, Now);
}

/// <summary>How the projector groups moves: the three ways up, most telling first, and every way down.</summary>
public enum MoveGroup
{
    StraightToSurprises,
    RecoveryToExpectations,
    ExpectationsToSurprises,
    Down,
}

/// <summary>One rep's own list against their own previous worksheet (managers only).</summary>
public sealed record RepMovement(
    string Rep,
    int Compared,
    int Up,
    int Same,
    int Down,
    int LeftRecovery,
    int RecoveryToSurprises,
    int IntoRecovery,
    IReadOnlyList<IReadOnlyList<int>> Matrix);

/// <summary>
/// Customers lost since the previous meeting: dropped as lost to a competitor or stopped buying, and on no list
/// now, over the distinct customers on the team's lists at the previous meeting (3 of 100 is 3 %).
/// </summary>
/// <remarks><see cref="Unforeseen"/>: lost customers who last sat in Expectations or Surprises, losses nobody saw coming.</remarks>
public sealed record Churn(
    DateOnly PreviousDate,
    int Lost,
    int Base,
    double Rate,
    int Unforeseen,
    IReadOnlyList<ReasonCount> Reasons,
    IReadOnlyList<ChurnedCustomer> Customers,
    IReadOnlyList<RepChurn> Reps);

/// <summary>How many customers were dropped for a reason (all four reasons, churn or not).</summary>
public sealed record ReasonCount(DropReason Reason, string Label, int Count);

public sealed record ChurnedCustomer(int CustomerId, string Customer, Zone LastZone, string Rep, DropReason Reason)
{
    public bool Unforeseen => LastZone != Zone.Recovery;

    /// <summary>The reason in words, so the projector says it as the worksheet asked it.</summary>
    public string ReasonLabel => DropReasons.Label(Reason);
}

public sealed record RepChurn(string Rep, int Lost, int Dropped);
