using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.FollowUps;

public class FollowUpRulesTests
{
    private const int November = 1;
    private const int December = 2;
    private static readonly DateOnly NovemberDate = new(2026, 11, 26);
    private static readonly DateOnly DecemberDate = new(2026, 12, 17);
    private static readonly Dictionary<int, DropReason> NoDrops = [];
    private static readonly Dictionary<int, FollowUpCause?> NoOthers = [];

    private static SavedCustomer In(int customer, Zone zone, bool pinched = false) => new(customer, FollowUpSync.Needs(zone, pinched));

    private static KnownFollowUp Open(int id, int customer, int meeting = November, bool touched = false) =>
        new(id, customer, meeting, meeting == November ? NovemberDate : DecemberDate, touched, ClosedHere: false);

    [Fact]
    public void ACustomerInRecoveryOrPinchedGetsOneFollowUpAndOthersNone()
    {
        var actions = FollowUpRules.Reconcile(November, NovemberDate,
            [In(1, Zone.Recovery), In(2, Zone.Expectations, pinched: true), In(3, Zone.Expectations), In(4, Zone.Surprises)], NoDrops, [], NoOthers);

        Assert.Equal([new FollowUpAction.Open(1, FollowUpCause.Recovery), new FollowUpAction.Open(2, FollowUpCause.Pinch)], actions);
    }

    [Fact]
    public void ACustomerWhoAlreadyHasAnOpenFollowUpDoesNotGetASecondOne() =>
        Assert.Empty(FollowUpRules.Reconcile(December, DecemberDate, [In(1, Zone.Recovery)], NoDrops, [Open(10, 1)], NoOthers));

    [Fact]
    public void PlacingTheCustomerInExpectationsOrSurprisesAtALaterMeetingClosesItAsLeftRecovery()
    {
        var actions = FollowUpRules.Reconcile(December, DecemberDate, [In(1, Zone.Surprises), In(2, Zone.Expectations)], NoDrops, [Open(10, 1), Open(11, 2)], NoOthers);

        Assert.Equal([new FollowUpAction.Close(10, FollowUpClosure.LeftRecovery, null), new FollowUpAction.Close(11, FollowUpClosure.LeftRecovery, null)], actions);
    }

    [Fact]
    public void ASharedCustomerStaysOpenWhileAnotherRepStillHasThemInRecovery()
    {
        var others = new Dictionary<int, FollowUpCause?> { [1] = FollowUpCause.Recovery };

        Assert.Empty(FollowUpRules.Reconcile(December, DecemberDate, [In(1, Zone.Surprises)], NoDrops, [Open(10, 1)], others));
    }

    [Fact]
    public void ACustomerMovedOutAndBackAtTheSameMeetingGetsTheSameFollowUpBack()
    {
        var closedHere = Open(10, 1) with { ClosedHere = true };

        Assert.Equal([new FollowUpAction.Reopen(10)], FollowUpRules.Reconcile(December, DecemberDate, [In(1, Zone.Recovery)], NoDrops, [closedHere], NoOthers));
    }

    [Fact]
    public void AMistakeCorrectedAtTheSameMeetingRemovesAnUntouchedFollowUpButClosesOneWorkedOn()
    {
        Assert.Equal([new FollowUpAction.Remove(10)], FollowUpRules.Reconcile(November, NovemberDate, [In(1, Zone.Expectations)], NoDrops, [Open(10, 1)], NoOthers));
        Assert.Equal([new FollowUpAction.Remove(10)], FollowUpRules.Reconcile(November, NovemberDate, [], NoDrops, [Open(10, 1)], NoOthers));
        Assert.Equal(
            [new FollowUpAction.Close(10, FollowUpClosure.LeftRecovery, null)],
            FollowUpRules.Reconcile(November, NovemberDate, [In(1, Zone.Expectations)], NoDrops, [Open(10, 1, touched: true)], NoOthers));
    }

    [Fact]
    public void ADroppedCustomerClosesWithTheDropReason()
    {
        var drops = new Dictionary<int, DropReason> { [1] = DropReason.LostToCompetitor };

        Assert.Equal(
            [new FollowUpAction.Close(10, FollowUpClosure.Dropped, DropReason.LostToCompetitor)],
            FollowUpRules.Reconcile(December, DecemberDate, [], drops, [Open(10, 1)], NoOthers));
    }

    [Fact]
    public void AFollowUpStaysOpenAcrossMeetingsUntilSomeonePlacesTheCustomer() =>
        Assert.Empty(FollowUpRules.Reconcile(December, DecemberDate, [In(2, Zone.Expectations)], NoDrops, [Open(10, 1)], NoOthers));

    [Fact]
    public void ASaveForAnOlderMeetingNeverEndsAFollowUpOpenedLater() =>
        Assert.Empty(FollowUpRules.Reconcile(November, NovemberDate, [In(1, Zone.Surprises)], NoDrops, [Open(10, 1, meeting: December)], NoOthers));
}
