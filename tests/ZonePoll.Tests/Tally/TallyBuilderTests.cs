using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Tally;

public class TallyBuilderTests
{
    private static readonly TallyMeeting Meeting = new(7, "November", "Sales North", new DateOnly(2026, 11, 26), MeetingStatus.Open, Revealed: true,
        ShowCustomerNames: false, PreviousDate: null);

    private static TallyRep[] Reps(params string[] names) => [.. names.Select(n => new TallyRep(n.ToLowerInvariant(), n))];

    private static TallyEntry E(string rep, int customer, Zone zone, AccountType type = AccountType.Standard, string? note = null, string? name = null) =>
        new(rep.ToLowerInvariant(), customer, name ?? $"Customer {customer}", zone, type, note);

    private static readonly DateOnly October = new(2026, 10, 29);

    /// <summary>A build where each rep's own previous worksheet is the one at the team's previous meeting, unless given.</summary>
    private static TallySnapshot Build(TallyRep[] reps, TallyEntry[] entries, PreviousEntry[]? previous = null, TallyMeeting? meeting = null,
        TallyDrop[]? drops = null, PreviousEntry[]? repPrevious = null) =>
        TallyBuilder.Build(new TallyInput(meeting ?? Meeting, reps, entries, previous ?? [], repPrevious ?? previous ?? [], drops ?? [],
            [new("Prompt one", PromptData.Tally), new("Prompt two", PromptData.Recovery)]));

    private static PreviousEntry P(string rep, int customer, Zone zone) => new(rep.ToLowerInvariant(), customer, zone);

    private static TallyDrop D(string rep, int customer, DropReason reason, Zone lastZone) =>
        new(rep.ToLowerInvariant(), customer, $"Customer {customer}", reason, lastZone);

    [Fact]
    public void AnEmptyMeetingHasZeroCountsAndZeroPercentages()
    {
        var tally = Build(Reps("Ana", "Ben"), []);

        Assert.All(tally.Zones, z => Assert.Equal((0, 0), (z.Count, z.Percent)));
        Assert.Equal((0, 2), (tally.Participation.RepsIn, tally.Participation.RepsTotal));
        Assert.Equal(["Ana", "Ben"], tally.Participation.NotSubmitted);
        Assert.Empty(tally.Reps);
        Assert.Empty(tally.Recovery);
        Assert.Equal(0, tally.Customers);
        Assert.Null(tally.Movement);
        Assert.Equal([new("Prompt one", PromptData.Tally), new TallyPrompt("Prompt two", PromptData.Recovery)], tally.Prompts);
    }

    [Fact]
    public void OneRepsEntriesAreCountedPerZoneWithPercentages()
    {
        var tally = Build(Reps("Ana"),
            [E("Ana", 1, Zone.Recovery), E("Ana", 2, Zone.Expectations), E("Ana", 3, Zone.Expectations), E("Ana", 4, Zone.Surprises)]);

        Assert.Equal([(1, 25), (2, 50), (1, 25)], tally.Zones.Select(z => (z.Count, z.Percent)));
        Assert.Equal(["Service Recovery", "Service Expectations", "Service Surprises"], tally.Zones.Select(z => z.Name));
        Assert.Equal(new RepTally("Ana", 1, 2, 1), Assert.Single(tally.Reps));
        Assert.Equal((1, 1), (tally.Participation.RepsIn, tally.Participation.RepsTotal));
        Assert.Empty(tally.Participation.NotSubmitted);
    }

    [Fact]
    public void ParticipationCountsRepsWithAtLeastOneEntryAndNamesTheRest()
    {
        var tally = Build(Reps("Ana", "Ben", "Cleo"), [E("Cleo", 1, Zone.Surprises)]);

        Assert.Equal((1, 3), (tally.Participation.RepsIn, tally.Participation.RepsTotal));
        Assert.Equal(["Ana", "Ben"], tally.Participation.NotSubmitted);
    }

    [Fact]
    public void RepsHandedInAnyOrderAreListedByNameAsWhenHandedSorted()
    {
        TallyEntry[] entries = [E("Cleo", 1, Zone.Surprises), E("Ana", 2, Zone.Recovery), E("Ben", 1, Zone.Expectations)];

        var sorted = Build(Reps("Ana", "Ben", "Cleo", "Dan", "Eve"), entries);
        var shuffled = Build(Reps("Eve", "Cleo", "Ana", "Dan", "Ben"), entries);

        Assert.Equal(["Ana", "Ben", "Cleo"], shuffled.Reps.Select(r => r.Name));
        Assert.Equal(["Dan", "Eve"], shuffled.Participation.NotSubmitted);
        Assert.Equal(["Ben", "Cleo"], Assert.Single(shuffled.Shared).Placements.Select(p => p.Rep));
        Assert.Equal(sorted.Reps, shuffled.Reps);
        Assert.Equal(sorted.Participation.NotSubmitted, shuffled.Participation.NotSubmitted);
        Assert.Equal(sorted.Shared.Single().Placements, shuffled.Shared.Single().Placements);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(500)]
    public void TheFirstFewInOrderAreThoseAStableSortPutsFirst(int count)
    {
        var random = new Random(count);
        // Few distinct keys, so most items tie and the order they came in decides.
        var items = Enumerable.Range(0, 400).Select(i => (Key: random.Next(5), Arrival: i)).ToList();

        var first = TallyBuilder.FirstInOrder(items, count, (a, b) => a.Key.CompareTo(b.Key));

        Assert.Equal(items.OrderBy(i => i.Key).Take(count), first);
    }

    [Fact]
    public void ACustomerNamedByTwoRepsCountsOnceInItsLowestZoneAndIsListedAsShared()
    {
        var tally = Build(Reps("Ana", "Ben"), [
            E("Ana", 1, Zone.Surprises, name: "Zoë's Bakery"),
            E("Ben", 1, Zone.Recovery, AccountType.Key, "Ben's note", name: "Zoë's Bakery"),
            E("Ben", 2, Zone.Expectations)]);

        Assert.Equal(2, tally.Customers);
        Assert.Equal(3, tally.Entries);
        Assert.Equal([1, 1, 0], tally.Zones.Select(z => z.Count));
        var shared = Assert.Single(tally.Shared);
        Assert.Equal(("Zoë's Bakery", Zone.Recovery), (shared.Customer, shared.CountedIn));
        Assert.Equal([new RepZone("Ana", Zone.Surprises), new RepZone("Ben", Zone.Recovery)], shared.Placements);
        var recovery = Assert.Single(tally.Recovery);
        Assert.Equal(["Ben"], recovery.Reps);
        Assert.Equal(["Ben's note"], recovery.Notes);
        Assert.Equal(AccountType.Key, recovery.AccountType);
        // Per-rep rows count each rep's own entries, shared or not.
        Assert.Equal([new RepTally("Ana", 0, 0, 1), new RepTally("Ben", 1, 1, 0)], tally.Reps);
    }

    [Fact]
    public void TheAccountTypeMatrixCountsCustomersPerTypeAndZone()
    {
        var tally = Build(Reps("Ana"), [
            E("Ana", 1, Zone.Recovery, AccountType.Key),
            E("Ana", 2, Zone.Surprises, AccountType.Key),
            E("Ana", 3, Zone.Surprises, AccountType.Growth),
            E("Ana", 4, Zone.Expectations, AccountType.New),
            E("Ana", 5, Zone.Expectations, AccountType.Standard),
            E("Ana", 6, Zone.Recovery, AccountType.Standard)]);

        Assert.Equal(
            [new AccountTypeTally(AccountType.Key, 1, 0, 1), new AccountTypeTally(AccountType.Growth, 0, 0, 1), new AccountTypeTally(AccountType.New, 0, 1, 0),
                new AccountTypeTally(AccountType.Standard, 1, 1, 0)],
            tally.AccountTypes);
    }

    [Fact]
    public void TheRecoveryListPutsKeyAccountsFirstThenByName()
    {
        var tally = Build(Reps("Ana", "Ben"), [
            E("Ana", 1, Zone.Recovery, AccountType.Standard, name: "Alpha"),
            E("Ben", 2, Zone.Recovery, AccountType.Key, "late twice", name: "Zulu"),
            E("Ana", 3, Zone.Recovery, AccountType.Key, name: "Mike"),
            E("Ben", 4, Zone.Recovery, AccountType.Growth, name: "Bravo"),
            E("Ana", 5, Zone.Surprises, AccountType.Key, name: "Happy")]);

        Assert.Equal(["Mike", "Zulu", "Bravo", "Alpha"], tally.Recovery.Select(r => r.Customer));
        Assert.Equal(["Ben"], tally.Recovery[1].Reps);
        Assert.Equal(["late twice"], tally.Recovery[1].Notes);
    }

    [Fact]
    public void TwoRepsOfOneNameOnASharedCustomerAreEachListedWithTheirOwnZoneAndNoteInTheOrderTheirEntriesCame()
    {
        // Two members called Ana: their names tie, so the shared and Recovery lists keep the two in the order their entries came.
        TallyRep[] reps = [new("ana-2", "Ana"), new("ben", "Ben"), new("ana-1", "Ana")];
        var tally = Build(reps, [
            new("ben", 1, "Acme", Zone.Recovery, AccountType.Standard, "Ben's"),
            new("ana-1", 1, "Acme", Zone.Recovery, AccountType.Standard, "first Ana's"),
            new("ana-2", 1, "Acme", Zone.Expectations, AccountType.Key, null),
            new("ana-2", 2, "Beta", Zone.Recovery, AccountType.Standard, "second Ana's")]);

        var shared = Assert.Single(tally.Shared);
        Assert.Equal([new RepZone("Ana", Zone.Recovery), new RepZone("Ana", Zone.Expectations), new RepZone("Ben", Zone.Recovery)],
            shared.Placements);
        var acme = tally.Recovery.Single(r => r.CustomerId == 1);
        Assert.Equal(AccountType.Key, acme.AccountType);
        Assert.Equal(["Ana", "Ben"], acme.Reps);
        Assert.Equal(["first Ana's", "Ben's"], acme.Notes);
        Assert.Equal([new RepTally("Ana", 1, 1, 0), new RepTally("Ana", 1, 0, 0), new RepTally("Ben", 1, 0, 0)], tally.Reps);
    }

    [Fact]
    public void EntriesOfARemovedMemberBetweenTwoRepsEntriesCountForNeitherWhereverTheyFallInTheList()
    {
        var meeting = Meeting with { PreviousDate = October };
        // The removed member's rows come between and among the others', as a query ordered by customer returns them.
        var tally = Build(Reps("Ana", "Ben"),
            [E("Ana", 1, Zone.Recovery), E("Gone", 1, Zone.Surprises), E("Ana", 2, Zone.Surprises), E("Gone", 3, Zone.Recovery),
                E("Ben", 3, Zone.Surprises), E("Gone", 4, Zone.Recovery), E("Ben", 5, Zone.Expectations)],
            previous: [P("Ana", 1, Zone.Surprises), P("Gone", 1, Zone.Recovery), P("Ben", 3, Zone.Recovery), P("Gone", 4, Zone.Surprises),
                P("Gone", 6, Zone.Expectations)],
            meeting: meeting,
            drops: [D("Gone", 6, DropReason.LostToCompetitor, Zone.Expectations), D("Ben", 7, DropReason.StoppedBuying, Zone.Surprises),
                D("Gone", 7, DropReason.LostToCompetitor, Zone.Recovery)]);

        Assert.Equal((4, 4), (tally.Customers, tally.Entries));
        Assert.Equal([new RepTally("Ana", 1, 0, 1), new RepTally("Ben", 0, 1, 1)], tally.Reps);
        Assert.Empty(tally.Shared);
        Assert.Equal([1], tally.Recovery.Select(r => r.CustomerId));
        Assert.Equal([("Ana", 1, 0, 1), ("Ben", 1, 1, 0)], tally.Movement!.Reps.Select(r => (r.Rep, r.Compared, r.Up, r.Down)));
        // The previous meeting's customers are the base, the removed member's among them; only Ben's drop counts.
        var churn = tally.Churn!;
        Assert.Equal((1, 4), (churn.Lost, churn.Base));
        Assert.Equal(("Customer 7", Zone.Surprises, "Ben"), (churn.Customers[0].Customer, churn.Customers[0].LastZone, churn.Customers[0].Rep));
        Assert.Equal(new RepChurn("Ben", 1, 1), Assert.Single(churn.Reps));
    }

    [Fact]
    public void AStoryRowNamesEveryRepWhoseOwnListMovedTheCustomerThatWayInRosterOrder()
    {
        var meeting = Meeting with { PreviousDate = October };
        // Cy, Ana and Ben each move customer 1 from Expectations to Surprises on their own lists; Di keeps it where it was.
        var tally = Build(Reps("Cy", "Ana", "Di", "Ben"),
            [E("Cy", 1, Zone.Surprises), E("Ana", 1, Zone.Surprises), E("Di", 1, Zone.Expectations), E("Ben", 1, Zone.Surprises)],
            previous: [P("Cy", 1, Zone.Expectations), P("Ana", 1, Zone.Expectations), P("Di", 1, Zone.Expectations), P("Ben", 1, Zone.Expectations)],
            meeting: meeting);

        var move = Assert.Single(tally.Movement!.Story.Moves);
        Assert.Equal((Zone.Expectations, Zone.Surprises, false), (move.Was, move.Now, move.Team));
        Assert.Equal(["Ana", "Ben", "Cy"], move.Reps);
    }

    [Fact]
    public void EntriesOfSomeoneNoLongerARepAreLeftOut()
    {
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Surprises), E("Gone", 2, Zone.Recovery)]);

        Assert.Equal(1, tally.Customers);
        Assert.Equal([0, 0, 1], tally.Zones.Select(z => z.Count));
    }

    [Fact]
    public void MovementComparesCustomersRatedAtThePreviousMeeting()
    {
        var meeting = Meeting with { PreviousDate = new DateOnly(2026, 10, 29) };
        var tally = Build(
            Reps("Ana"),
            [E("Ana", 1, Zone.Surprises), E("Ana", 2, Zone.Expectations), E("Ana", 3, Zone.Recovery), E("Ana", 4, Zone.Expectations),
                E("Ana", 5, Zone.Surprises)],
            [P("Ana", 1, Zone.Recovery), P("Ana", 2, Zone.Recovery), P("Ana", 3, Zone.Expectations), P("Ana", 4, Zone.Expectations),
                P("Ana", 9, Zone.Recovery)],
            meeting);

        var movement = tally.Movement!;
        Assert.Equal((new DateOnly(2026, 10, 29), 4, 2, 1, 1, 2, 1, 1),
            (movement.PreviousDate, movement.Compared, movement.Up, movement.Same, movement.Down, movement.LeftRecovery, movement.RecoveryToSurprises,
                movement.IntoRecovery));
        // Rows: was Recovery, Expectations, Surprises; columns: now the same order.
        Assert.Equal([[0, 1, 1], [1, 1, 0], [0, 0, 0]], movement.Matrix);
        Assert.Equal(movement.Matrix, Assert.Single(movement.Reps).Matrix);
    }

    [Fact]
    public void TheMatrixCountsASharedCustomerOnceInItsLowestZoneForTheTeamAndOncePerRepForEachRep()
    {
        var meeting = Meeting with { PreviousDate = October };
        var tally = Build(
            Reps("Ana", "Ben"),
            [E("Ana", 1, Zone.Surprises), E("Ben", 1, Zone.Expectations), E("Ben", 2, Zone.Recovery)],
            [P("Ana", 1, Zone.Recovery), P("Ben", 1, Zone.Expectations), P("Ben", 2, Zone.Surprises)],
            meeting);

        // Team: customer 1 was Recovery (lowest), now Expectations (lowest); customer 2 fell from Surprises to Recovery.
        Assert.Equal([[0, 1, 0], [0, 0, 0], [1, 0, 0]], tally.Movement!.Matrix);
        Assert.Equal((1, 1, 1, 0), (tally.Movement.Up, tally.Movement.Down, tally.Movement.LeftRecovery, tally.Movement.RecoveryToSurprises));
        Assert.Equal(1, tally.Movement.IntoRecovery);
        var ana = tally.Movement.Reps.Single(r => r.Rep == "Ana");
        var ben = tally.Movement.Reps.Single(r => r.Rep == "Ben");
        Assert.Equal((1, 1), (ana.RecoveryToSurprises, ana.Up));
        Assert.Equal((2, 1, 1, 1), (ben.Compared, ben.Same, ben.Down, ben.IntoRecovery));
    }

    [Fact]
    public void ARepWhoMissedTheLastMeetingIsComparedWithTheirOwnEarlierWorksheet()
    {
        var meeting = Meeting with { PreviousDate = October };
        var tally = Build(
            Reps("Ana", "Ben"),
            [E("Ana", 1, Zone.Surprises), E("Ben", 2, Zone.Surprises)],
            previous: [P("Ana", 1, Zone.Recovery)],
            meeting,
            repPrevious: [P("Ana", 1, Zone.Recovery), P("Ben", 2, Zone.Recovery)]);

        Assert.Equal(1, tally.Movement!.Compared);
        Assert.Equal(1, tally.Movement.Reps.Single(r => r.Rep == "Ben").RecoveryToSurprises);
    }

    [Fact]
    public void ChurnIsCustomersLostOverTheTeamsDistinctCustomersAtThePreviousMeeting()
    {
        // The seeds' example: 3 lost of 100 at the start of the period is 3 %.
        var meeting = Meeting with { PreviousDate = October };
        var reps = Reps("Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida", "Jo");
        var previous = Enumerable.Range(1, 100).Select(c => P(reps[(c - 1) / 10].Name, c, c % 3 == 0 ? Zone.Recovery : Zone.Expectations)).ToArray();
        var now = Enumerable.Range(4, 97).Select(c => E(reps[(c - 1) / 10].Name, c, Zone.Expectations)).ToArray();
        TallyDrop[] drops = [D("Ana", 1, DropReason.LostToCompetitor, Zone.Expectations), D("Ana", 2, DropReason.StoppedBuying, Zone.Expectations),
            D("Ana", 3, DropReason.LostToCompetitor, Zone.Recovery)];

        var churn = Build(reps, now, previous, meeting, drops).Churn!;

        Assert.Equal((3, 100, 0.03), (churn.Lost, churn.Base, churn.Rate));
        Assert.Equal(2, churn.Unforeseen);
        Assert.Equal([2, 1, 0, 0], churn.Reasons.Select(r => r.Count));
        Assert.Equal(["Customer 1", "Customer 2", "Customer 3"], churn.Customers.Select(c => c.Customer).Order());
        Assert.Equal(new RepChurn("Ana", 3, 3), Assert.Single(churn.Reps));
    }

    [Fact]
    public void ACustomerDroppedAsLostByOneRepButStillOnAnothersListIsNotChurnAndASharedLossCountsOnce()
    {
        var meeting = Meeting with { PreviousDate = October };
        var churn = Build(
            Reps("Ana", "Ben", "Cy"),
            [E("Cy", 1, Zone.Expectations)],
            [P("Ana", 1, Zone.Expectations), P("Cy", 1, Zone.Expectations), P("Ana", 2, Zone.Recovery), P("Ben", 2, Zone.Surprises)],
            meeting,
            [D("Ana", 1, DropReason.LostToCompetitor, Zone.Expectations), D("Ana", 2, DropReason.StoppedBuying, Zone.Recovery),
                D("Ben", 2, DropReason.LostToCompetitor, Zone.Surprises)]).Churn!;

        Assert.Equal((1, 2, 0.5), (churn.Lost, churn.Base, churn.Rate));
        var lost = Assert.Single(churn.Customers);
        Assert.Equal(("Customer 2", Zone.Recovery, "Ana"), (lost.Customer, lost.LastZone, lost.Rep));
        Assert.Equal(0, churn.Unforeseen);
    }

    [Fact]
    public void ARemovedRepsDropsAndAnEmptyPreviousMeetingCountForNothing()
    {
        var meeting = Meeting with { PreviousDate = October };
        var churn = Build(Reps("Ana"), [E("Ana", 5, Zone.Surprises)], [], meeting, [D("Gone", 1, DropReason.LostToCompetitor, Zone.Surprises)]).Churn!;

        Assert.Equal((0, 0, 0.0), (churn.Lost, churn.Base, churn.Rate));
        Assert.Empty(churn.Reps);
    }

    [Fact]
    public void AFirstMeetingHasNoMovementAndNoChurnRatherThanZeros()
    {
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Recovery)]);

        Assert.Null(tally.Movement);
        Assert.Null(tally.Churn);
    }

    [Fact]
    public void ARepSeesTeamTotalsButNoOtherRepsNamesOrRows()
    {
        var tally = Build(Reps("Ana", "Ben"),
            [E("Ana", 1, Zone.Recovery, AccountType.Key, "private", "Secret Co"), E("Ben", 1, Zone.Surprises, name: "Secret Co")]);

        var forRep = tally.ForRep();

        Assert.Equal(tally.Zones, forRep.Zones);
        Assert.Empty(forRep.Reps);
        Assert.Empty(forRep.Shared);
        Assert.Empty(forRep.Recovery);
        Assert.Empty(forRep.Participation.NotSubmitted);
        Assert.Equal(2, forRep.Participation.RepsIn);
    }

    [Fact]
    public void ARepGetsTheTeamsMovementAndChurnNumbersButNoRepRowsOrLostCustomersNames()
    {
        var meeting = Meeting with { PreviousDate = October };
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Surprises)], [P("Ana", 1, Zone.Recovery), P("Ana", 2, Zone.Surprises)], meeting,
            [D("Ana", 2, DropReason.LostToCompetitor, Zone.Surprises)]);

        var forRep = tally.ForRep();

        Assert.Equal(tally.Movement!.Matrix, forRep.Movement!.Matrix);
        Assert.Empty(forRep.Movement.Reps);
        Assert.Equal((1, 2, 1), (forRep.Churn!.Lost, forRep.Churn.Base, forRep.Churn.Unforeseen));
        Assert.Empty(forRep.Churn.Customers);
        Assert.Empty(forRep.Churn.Reps);
    }

    [Fact]
    public void ARepSeesRecoveryCustomersOnlyWhenNamesAreShownAndNeverWhoOrWhy()
    {
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Recovery, AccountType.Key, "private", "Secret Co")],
            meeting: Meeting with { ShowCustomerNames = true });

        var item = Assert.Single(tally.ForRep().Recovery);

        Assert.Equal("Secret Co", item.Customer);
        Assert.Empty(item.Reps);
        Assert.Empty(item.Notes);
    }

    [Fact]
    public void BeforeTheRevealARepGetsNoNumbers()
    {
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Recovery)], meeting: Meeting with { Revealed = false });

        var forRep = tally.ForRep();

        Assert.Empty(forRep.Zones);
        Assert.Equal(0, forRep.Customers);
        Assert.Equal(1, forRep.Participation.RepsIn);
        Assert.Equal([1, 0, 0], tally.Zones.Select(z => z.Count));
    }

    [Fact]
    public void PinchesAreCountedInsideExpectationsAndThePercentagesStillAddUpToAHundred()
    {
        TallyEntry Pinched(string rep, int customer) => E(rep, customer, Zone.Expectations) with { Pinched = true };
        var tally = Build(Reps("Ana", "Ben"),
            [Pinched("Ana", 1), E("Ana", 2, Zone.Expectations), Pinched("Ana", 3), E("Ben", 3, Zone.Recovery), E("Ben", 4, Zone.Surprises)]);

        // Customer 3 is counted in Recovery (Ben's lower zone), so Ana's pinch there is not an Expectations pinch.
        Assert.Equal([(1, 0), (2, 1), (1, 0)], tally.Zones.Select(z => (z.Count, z.Pinched)));
        Assert.Equal(100, tally.Zones.Sum(z => z.Percent));
        Assert.Equal([2, 0], tally.Reps.Select(r => r.Pinched));
    }

    [Fact]
    public void TheThreeRsCountEachCustomerOnceInTheZoneItIsCountedIn()
    {
        var tally = Build(Reps("Ana", "Ben"),
        [
            E("Ana", 1, Zone.Recovery) with { Causes = ThreeRs.Responsiveness | ThreeRs.Reliability },
            E("Ben", 1, Zone.Recovery) with { Causes = ThreeRs.Responsiveness },
            E("Ana", 2, Zone.Expectations) with { Causes = ThreeRs.Respect },
            E("Ben", 2, Zone.Recovery),
            E("Ana", 3, Zone.Expectations) with { Causes = ThreeRs.Responsiveness },
        ]);

        // Customer 2 is counted in Recovery, where Ben named no cause: Ana's "Respect" from Expectations does not count.
        Assert.Equal(
            [(ThreeRs.Responsiveness, 1, 1), (ThreeRs.Respect, 0, 0), (ThreeRs.Reliability, 1, 0)],
            tally.ThreeRs.Select(r => (r.Cause, r.Recovery, r.Expectations)));
    }

    [Fact]
    public void ARepSeesTheThreeRsOnlyOnceTheResultsAreRevealed()
    {
        var entries = new[] { E("Ana", 1, Zone.Recovery) with { Causes = ThreeRs.Respect } };

        Assert.Empty(Build(Reps("Ana"), entries, meeting: Meeting with { Revealed = false }).ForRep().ThreeRs);
        Assert.Equal(1, Build(Reps("Ana"), entries).ForRep().ThreeRs.Single(r => r.Cause == ThreeRs.Respect).Recovery);
    }

    [Fact]
    public void FollowUpsCountOpenAndOverdueAndTakeTheMedianFirstResponseOverThoseWithOne()
    {
        var today = new DateOnly(2026, 12, 3);
        var opened = new DateOnly(2026, 11, 26);
        TallyFollowUp F(int id, DateOnly due, DateOnly? clarified = null, DateOnly? fixedOn = null, DateOnly? closed = null, FollowUpClosure? closure = null) =>
            new(id, id, $"Customer {id}", "Ana", FollowUpCause.Recovery, opened, due, clarified, fixedOn, null, closed, closure);
        var followUps = new[]
        {
            F(1, new DateOnly(2026, 12, 1)),                                        // overdue, no response yet
            F(2, new DateOnly(2026, 12, 4), clarified: new DateOnly(2026, 11, 27)), // 1 working day
            F(3, new DateOnly(2026, 12, 2), fixedOn: new DateOnly(2026, 12, 1)),    // Fix first: 3 working days, and overdue
            F(4, new DateOnly(2026, 12, 1), clarified: new DateOnly(2026, 11, 30), closed: new DateOnly(2026, 12, 2), closure: FollowUpClosure.LeftRecovery),
        };
        var input = new TallyInput(Meeting, Reps("Ana"), [E("Ana", 1, Zone.Recovery), E("Ana", 2, Zone.Recovery)], [], [], [], [], followUps, today);

        var tally = TallyBuilder.Build(input);

        Assert.Equal((3, 2, 1), (tally.FollowUps.Open, tally.FollowUps.Overdue, tally.FollowUps.AwaitingFirstResponse));
        // Responses after 1, 3 and 2 working days (the closed one counts too).
        Assert.Equal(2, tally.FollowUps.MedianDaysToFirstResponse);
        Assert.Equal([1, 3, 2, 4], tally.FollowUps.Items.Select(f => f.Id));
        Assert.Equal((FollowUpStep?)FollowUpStep.Clarify, tally.FollowUps.Items[1].NextStep);
        Assert.Equal("Clarify · Ana · by 1 Dec (overdue)", FollowUpItemText.NextStep(tally.Recovery.Single(r => r.CustomerId == 1).FollowUp!));
        Assert.Equal("Follow-ups: 3 open · 2 overdue · first response in a median of 2 working days", tally.FollowUps.Line);

        var forRep = tally.ForRep();
        Assert.Equal((3, 2), (forRep.FollowUps.Open, forRep.FollowUps.Overdue));
        Assert.Empty(forRep.FollowUps.Items);
        Assert.Equal(0, TallyBuilder.Build(input with { Meeting = Meeting with { Revealed = false } }).ForRep().FollowUps.Open);
    }

    [Fact]
    public void ARepsOwnJumpToSurprisesIsInTheStoryThoughAnotherRepKeepsTheCustomerInRecoveryForTheTeam()
    {
        var meeting = Meeting with { PreviousDate = October };
        // Ana moves 1 up to Surprises; Ben had it in Recovery and keeps it there, so the team count does not move.
        var tally = Build(Reps("Ana", "Ben"),
            [E("Ana", 1, Zone.Surprises), E("Ben", 1, Zone.Recovery), E("Ben", 2, Zone.Recovery)],
            previous: [P("Ana", 1, Zone.Recovery), P("Ben", 1, Zone.Recovery), P("Ben", 2, Zone.Surprises)],
            meeting: meeting);

        var story = tally.Movement!.Story;
        Assert.Equal(0, tally.Movement.RecoveryToSurprises);
        Assert.Equal(
            [(1, Zone.Recovery, Zone.Surprises, false, "Ana"), (2, Zone.Surprises, Zone.Recovery, true, "Ben")],
            story.Moves.Select(m => (m.CustomerId, m.Was, m.Now, m.Team, string.Join(", ", m.Reps))));
        Assert.Equal((1, 0, 0, 1), (story.StraightToSurprises, story.RecoveryToExpectations, story.ExpectationsToSurprises, story.Down));
        Assert.Equal([MoveGroup.StraightToSurprises, MoveGroup.Down], story.Moves.Select(m => m.Group));
    }

    [Fact]
    public void AStoryWithManyMovesKeepsTheFirstRowsOfEachGroupKeyAccountsFirstAndCountsThemAll()
    {
        var meeting = Meeting with { PreviousDate = October };
        var count = MoveStory.RowsPerGroup + 15;
        var entries = Enumerable.Range(1, count)
            .Select(c => E("Ana", c, Zone.Expectations, c == count ? AccountType.Key : AccountType.Standard))
            .ToArray();
        var previous = Enumerable.Range(1, count).Select(c => P("Ana", c, Zone.Recovery)).ToArray();

        var story = Build(Reps("Ana"), entries, previous, meeting).Movement!.Story;

        Assert.Equal(count, story.RecoveryToExpectations);
        Assert.Equal(MoveStory.RowsPerGroup, story.Moves.Count);
        Assert.Equal(count, story.Moves[0].CustomerId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TheMatrixAndStoryMatchEveryMoveCountedOneByOneOnRandomMeetings(int seed)
    {
        var random = new Random(seed);
        var meeting = Meeting with { PreviousDate = October };
        // The rows' and reps' orders are only tested where the culture's order is not the ordinal one.
        Assert.True(StringComparer.CurrentCulture.Compare("ana", "Ben") < 0);
        var (capped, shared) = (0, 0);
        for (var round = 0; round < 40; round++)
        {
            // Few names for many customers and reps, so rows tie on names; enough customers that groups pass their cap.
            // Names whose culture order is not their ordinal one ("ana" before "Ben"), and names two reps share.
            string[] repNames = ["ana", "Ben", "Sam", "Sam", "émile", "Zoe", "Rep 1"];
            var reps = Enumerable.Range(0, random.Next(1, 7))
                .Select(i => new TallyRep($"rep{i}", repNames[random.Next(repNames.Length)]))
                .ToArray();
            var customers = random.Next(1, 4) == 1 ? 12 : 240;
            string[] customerNames = ["apple", "Banana", "Émile", "zeta", "Acme", "acme"];
            var names = Enumerable.Range(1, customers).ToDictionary(c => c, _ => customerNames[random.Next(customerNames.Length)]);
            Zone AnyZone() => (Zone)random.Next(3);
            // Besides the roster: a rep who left (their rows must drop out), one new this time, one with nothing now.
            TallyRep[] everyone = [.. reps, new("gone", "Gone"), new("new", "New"), new("idle", "Idle")];
            reps = [.. reps, everyone[^2], everyone[^1]];
            var entries = everyone.Where(r => r.Id != "idle")
                .SelectMany(r => Enumerable.Range(1, customers).Where(_ => random.Next(3) == 0)
                    .Select(c => new TallyEntry(r.Id, c, names[c], AnyZone(), (AccountType)random.Next(4), null)))
                .OrderBy(_ => random.Next()).ToArray();
            var repPrevious = everyone.Where(r => r.Id != "new")
                .SelectMany(r => Enumerable.Range(1, customers).Where(_ => random.Next(3) == 0).Select(c => new PreviousEntry(r.Id, c, AnyZone())))
                .OrderBy(_ => random.Next()).ToArray();
            var previous = repPrevious.Where(_ => random.Next(4) > 0).ToArray();

            var movement = Build(reps, entries, previous, meeting, repPrevious: repPrevious).Movement!;

            var expected = MovesCountedOneByOne(reps, entries, previous, repPrevious);
            Assert.Equal(expected.Team, Cells(movement.Matrix));
            Assert.Equal(expected.Reps, movement.Reps.Select(r => (r.Rep, Cells(r.Matrix))));
            Assert.Equal(expected.Counts, (int[])[movement.Story.StraightToSurprises, movement.Story.RecoveryToExpectations,
                movement.Story.ExpectationsToSurprises, movement.Story.Down]);
            Assert.Equal(expected.Rows, movement.Story.Moves.Select(m => $"{m.CustomerId} {m.Customer} {m.Was}>{m.Now} {m.Team} {string.Join("+", m.Reps)}"));
            capped += expected.Counts.Any(c => c > MoveStory.RowsPerGroup) ? 1 : 0;
            shared += movement.Story.Moves.Any(m => m.Reps.Count > 1) ? 1 : 0;
        }

        // The rounds reached what they are for: a group over its cap, and a row moved by two reps' lists.
        Assert.True(capped > 0 && shared > 0, $"{capped} rounds over a cap, {shared} with a row of two reps");
    }

    private static string Cells(IReadOnlyList<IReadOnlyList<int>> matrix) => string.Join(" ", matrix.SelectMany(row => row));

    /// <summary>The matrix and story as a reader would count them: every customer and every rep's list, one row per customer and move.</summary>
    private static (string Team, List<(string, string)> Reps, int[] Counts, List<string> Rows) MovesCountedOneByOne(
        TallyRep[] reps, TallyEntry[] entries, PreviousEntry[] previous, PreviousEntry[] repPrevious)
    {
        var roster = reps.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var onTeam = entries.Where(e => roster.Any(r => r.Id == e.RepId)).ToList();
        var customers = onTeam.GroupBy(e => e.CustomerId)
            .ToDictionary(g => g.Key, g => (Name: g.First().CustomerName, Zone: g.Min(e => e.Zone), Type: g.Min(e => e.AccountType)));
        var before = previous.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Min(p => p.Zone));
        var team = new int[3, 3];
        var rows = new Dictionary<(int Customer, Zone Was, Zone Now), (AccountType Type, bool Team, List<string> Reps)>();
        foreach (var (id, c) in customers.Where(c => before.ContainsKey(c.Key)))
        {
            team[(int)before[id], (int)c.Zone]++;
            if (before[id] != c.Zone)
            {
                rows[(id, before[id], c.Zone)] = (c.Type, true, []);
            }
        }

        List<(string, string)> repCells = [];
        foreach (var rep in roster)
        {
            var was = repPrevious.Where(p => p.RepId == rep.Id).ToList();
            var own = onTeam.Where(e => e.RepId == rep.Id).ToList();
            if (own.Count == 0 || was.Count == 0)
            {
                continue;
            }

            var cells = new int[3, 3];
            foreach (var e in own)
            {
                if (was.FirstOrDefault(p => p.CustomerId == e.CustomerId) is { } w)
                {
                    cells[(int)w.Zone, (int)e.Zone]++;
                    if (w.Zone != e.Zone)
                    {
                        var key = (e.CustomerId, w.Zone, e.Zone);
                        var row = rows.TryGetValue(key, out var found) ? found : (e.AccountType, false, []);
                        row.Reps.Add(rep.Name);
                        rows[key] = (row.Type < e.AccountType ? row.Type : e.AccountType, row.Team, row.Reps);
                    }
                }
            }

            repCells.Add((rep.Name, string.Join(" ", cells.Cast<int>())));
        }

        var groups = rows.GroupBy(r => MoveStory.GroupOf(r.Key.Was, r.Key.Now)).ToDictionary(g => g.Key);
        var shown = Enum.GetValues<MoveGroup>().Where(groups.ContainsKey).SelectMany(g => groups[g]
                .OrderBy(r => r.Value.Type).ThenBy(r => customers[r.Key.Customer].Name, StringComparer.Ordinal).ThenBy(r => r.Key.Customer)
                .ThenBy(r => r.Key.Was).ThenBy(r => r.Key.Now)
                .Take(MoveStory.RowsPerGroup)
                .OrderBy(r => r.Value.Type).ThenBy(r => r.Key.Was).ThenBy(r => r.Key.Now)
                .ThenBy(r => customers[r.Key.Customer].Name, StringComparer.CurrentCulture).ThenBy(r => r.Key.Customer))
            .Select(r => $"{r.Key.Customer} {customers[r.Key.Customer].Name} {r.Key.Was}>{r.Key.Now} {r.Value.Team} {string.Join("+", r.Value.Reps)}")
            .ToList();
        var counts = Enum.GetValues<MoveGroup>().Select(g => groups.TryGetValue(g, out var rowsOf) ? rowsOf.Count() : 0).ToArray();
        return (string.Join(" ", team.Cast<int>()), repCells, counts, shown);
    }

    [Fact]
    public void ARepSeesTheStorysCountsButNotItsCustomersOrReps()
    {
        var meeting = Meeting with { PreviousDate = October, ShowCustomerNames = true };
        var tally = Build(Reps("Ana"), [E("Ana", 1, Zone.Surprises)], previous: [P("Ana", 1, Zone.Recovery)], meeting: meeting);

        var forRep = tally.ForRep().Movement!.Story;

        Assert.Equal(1, forRep.StraightToSurprises);
        Assert.Empty(forRep.Moves);
        Assert.Single(tally.Movement!.Story.Moves);
    }
}

public class TallyActionTests
{
    private static readonly TallyMeeting Meeting = new(7, "December", "Sales North", new DateOnly(2026, 12, 3), MeetingStatus.Open, Revealed: true,
        ShowCustomerNames: false, PreviousDate: null);

    private static readonly DateOnly Today = new(2026, 12, 8);

    private static TallySnapshot Build(TallyAction[] actions, TallyEarlierActions? lastTime = null) =>
        TallyBuilder.Build(new TallyInput(Meeting, [new TallyRep("ana", "Ana")], [], [], [], [], [], [], Today, actions, lastTime));

    [Fact]
    public void TheMeetingsActionsAreCountedOpenAndDoneAndOverdueAgainstToday()
    {
        var tally = Build([
            new(1, "Call Harbor", "Ana", new DateOnly(2026, 12, 7), null, 3, "Harbor Foods", "What can each of us do?"),
            new(2, "Send the price list", "Ben", new DateOnly(2026, 12, 10), null),
            new(3, "Book the visit", "Ana", new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 4)),
        ]);

        Assert.Equal((2, 1), (tally.Actions.Open, tally.Actions.Done));
        Assert.Equal([true, false, false], tally.Actions.Items.Select(i => i.Overdue));
        Assert.Equal(("Harbor Foods", "What can each of us do?"), (tally.Actions.Items[0].Customer, tally.Actions.Items[0].Prompt));
        Assert.Null(tally.Actions.LastTime);
    }

    [Fact]
    public void LastTimesActionsSayHowManyWereDoneAndListTheOpenOnes()
    {
        var tally = Build([], new TallyEarlierActions(4, "November", new DateOnly(2026, 11, 26), [
            new(1, "Call Harbor", "Ana", new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 30)),
            new(2, "Visit Nordic", "Ben", new DateOnly(2026, 12, 1), null),
            new(3, "Fix the invoice", "Ana", new DateOnly(2026, 12, 9), null),
        ]));

        var last = tally.Actions.LastTime!;
        Assert.Equal("Last time's actions: 1 of 3 done", last.Line);
        Assert.Equal(["Visit Nordic", "Fix the invoice"], last.Open.Select(a => a.Text));
        Assert.Equal([true, false], last.Open.Select(a => a.Overdue));
    }

    [Fact]
    public void ARepSeesEveryActionButNoCustomerUnlessTheManagerShowsNames()
    {
        var tally = Build(
            [new(1, "Call Harbor", "Ana", Today, null, 3, "Harbor Foods")],
            new TallyEarlierActions(4, "November", new DateOnly(2026, 11, 26), [new(2, "Visit Nordic", "Ben", Today, null, 4, "Nordic Ltd")]));

        var rep = tally.ForRep();
        var withNames = (tally with { ShowCustomerNames = true }).ForRep();

        Assert.Equal(("Call Harbor", null, null), (rep.Actions.Items[0].Text, rep.Actions.Items[0].Customer, rep.Actions.Items[0].CustomerId));
        Assert.Null(rep.Actions.LastTime!.Open[0].Customer);
        Assert.Equal("Harbor Foods", withNames.Actions.Items[0].Customer);
        Assert.Equal("Nordic Ltd", withNames.Actions.LastTime!.Open[0].Customer);
    }
}
