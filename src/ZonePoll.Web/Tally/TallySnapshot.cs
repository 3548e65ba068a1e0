using ZonePoll.Web.Meetings;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>What <see cref="TallyBuilder"/> needs: plain data, loaded by <see cref="TallyQuery"/>.</summary>
public sealed record TallyInput(
    TallyMeeting Meeting,
    IReadOnlyList<TallyRep> Reps,
    IReadOnlyList<TallyEntry> Entries,
    IReadOnlyList<PreviousEntry> Previous,
    IReadOnlyList<string> Prompts);

public sealed record TallyMeeting(int Id, string Title, string TeamName, DateOnly Date, MeetingStatus Status, bool Revealed, bool ShowCustomerNames, DateOnly? PreviousDate);

public sealed record TallyRep(string Id, string Name);

public sealed record TallyEntry(string RepId, int CustomerId, string CustomerName, Zone Zone, AccountType AccountType, string? Note);

/// <summary>How a customer stood at the team's previous meeting, to show movement.</summary>
public sealed record PreviousEntry(int CustomerId, Zone Zone);

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
    IReadOnlyList<string> Prompts)
{
    public ZoneTally Zone(Zone zone) => Zones.Single(z => z.Zone == zone);

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
        Participation = Participation with { NotSubmitted = [] },
        Reps = [],
        Recovery = Revealed && ShowCustomerNames ? [.. Recovery.Select(r => r with { Reps = [], Notes = [] })] : [],
        Shared = [],
        Movement = Revealed ? Movement : null,
    };
}

public sealed record ZoneTally(Zone Zone, string Name, string Letter, int Count, int Percent);

public sealed record Participation(int RepsIn, int RepsTotal, IReadOnlyList<string> NotSubmitted);

public sealed record RepTally(string Name, int Recovery, int Expectations, int Surprises)
{
    public int Total => Recovery + Expectations + Surprises;
}

public sealed record AccountTypeTally(AccountType AccountType, int Recovery, int Expectations, int Surprises)
{
    public int Total => Recovery + Expectations + Surprises;
}

public sealed record RecoveryItem(string Customer, AccountType AccountType, IReadOnlyList<string> Reps, IReadOnlyList<string> Notes);

/// <summary>A customer on more than one rep's worksheet: counted once, in the lowest zone any rep gave it.</summary>
public sealed record SharedCustomer(string Customer, Zone CountedIn, IReadOnlyList<RepZone> Placements);

public sealed record RepZone(string Rep, Zone Zone);

/// <summary>Customers also rated at the previous meeting, and which way they moved.</summary>
public sealed record Movement(DateOnly PreviousDate, int Compared, int Up, int Same, int Down, int LeftRecovery, int RecoveryToSurprises);
