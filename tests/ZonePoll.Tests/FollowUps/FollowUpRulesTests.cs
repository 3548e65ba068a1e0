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
    private const FollowUpCause Recovery = FollowUpCause.Recovery;
    private const FollowUpCause Pinch = FollowUpCause.Pinch;

    /// <summary>Customers on some list at the meeting, with what they need (null: Expectations unpinched, or Surprises).</summary>
    private static Dictionary<int, FollowUpCause?> Placed(params (int Customer, FollowUpCause? Need)[] customers) =>
        customers.ToDictionary(c => c.Customer, c => c.Need);

    private static KnownFollowUp Open(int id, int customer, int meeting = November, bool touched = false) =>
        new(id, customer, meeting, meeting == November ? NovemberDate : DecemberDate, touched, ClosedHere: false);

    private static IReadOnlyList<FollowUpAction> At(int meeting, Dictionary<int, FollowUpCause?> placed, params KnownFollowUp[] known) =>
        FollowUpRules.Reconcile(meeting, meeting == November ? NovemberDate : DecemberDate, placed, NoDrops, known);

    [Fact]
    public void ACustomerInRecoveryOrPinchedGetsOneFollowUpAndOthersNone() =>
        Assert.Equal(
            [new FollowUpAction.Open(1, Recovery), new FollowUpAction.Open(2, Pinch)],
            At(November, Placed((1, Recovery), (2, Pinch), (3, null), (4, null))));

    [Fact]
    public void ACustomerWhoAlreadyHasAnOpenFollowUpDoesNotGetASecondOne() =>
        Assert.Empty(At(December, Placed((1, Recovery)), Open(10, 1)));

    [Fact]
    public void PlacingTheCustomerInExpectationsOrSurprisesAtALaterMeetingClosesItAsLeftRecovery() =>
        Assert.Equal(
            [new FollowUpAction.Close(10, FollowUpClosure.LeftRecovery, null), new FollowUpAction.Close(11, FollowUpClosure.LeftRecovery, null)],
            At(December, Placed((1, null), (2, null)), Open(10, 1), Open(11, 2)));

    [Fact]
    public void ACustomerStillPinchedOrInRecoveryForAnyRepKeepsTheirFollowUp()
    {
        // A shared customer counts in the lowest place any rep gave: one rep's Surprises does not end another's Recovery.
        Assert.Empty(At(December, Placed((1, Recovery)), Open(10, 1)));
        Assert.Empty(At(December, Placed((1, Pinch)), Open(10, 1)));
    }

    [Fact]
    public void ACustomerMovedOutAndBackAtTheSameMeetingGetsTheSameFollowUpBack() =>
        Assert.Equal([new FollowUpAction.Reopen(10)], At(December, Placed((1, Recovery)), Open(10, 1) with { ClosedHere = true }));

    [Fact]
    public void AMistakeCorrectedAtTheSameMeetingRemovesAnUntouchedFollowUpButClosesOneWorkedOn()
    {
        Assert.Equal([new FollowUpAction.Remove(10)], At(November, Placed((1, null)), Open(10, 1)));
        Assert.Equal([new FollowUpAction.Remove(10)], At(November, Placed(), Open(10, 1)));
        Assert.Equal([new FollowUpAction.Close(10, FollowUpClosure.LeftRecovery, null)], At(November, Placed((1, null)), Open(10, 1, touched: true)));
    }

    [Fact]
    public void ADroppedCustomerClosesWithTheDropReason()
    {
        var drops = new Dictionary<int, DropReason> { [1] = DropReason.LostToCompetitor };

        Assert.Equal(
            [new FollowUpAction.Close(10, FollowUpClosure.Dropped, DropReason.LostToCompetitor)],
            FollowUpRules.Reconcile(December, DecemberDate, Placed(), drops, [Open(10, 1)]));
    }

    [Fact]
    public void ADroppedCustomerStillOnAnotherRepsListIsNotClosed()
    {
        var drops = new Dictionary<int, DropReason> { [1] = DropReason.NoLongerMyAccount };

        Assert.Empty(FollowUpRules.Reconcile(December, DecemberDate, Placed((1, Recovery)), drops, [Open(10, 1)]));
    }

    [Fact]
    public void AFollowUpStaysOpenAcrossMeetingsUntilSomeonePlacesTheCustomer() =>
        Assert.Empty(At(December, Placed((2, null)), Open(10, 1)));

    [Fact]
    public void ASaveForAnOlderMeetingNeverEndsAFollowUpOpenedLater() =>
        Assert.Empty(At(November, Placed((1, null)), Open(10, 1, meeting: December)));
}
