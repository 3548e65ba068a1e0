using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class ZoneMathTests
{
    [Fact]
    public void ACustomerCountsInTheLowestZoneAnyRepGaveWhateverTheOrder()
    {
        var zoneOf = new Dictionary<int, Zone>();

        ZoneMath.KeepLowest(zoneOf, 1, Zone.Surprises);
        ZoneMath.KeepLowest(zoneOf, 1, Zone.Recovery);
        ZoneMath.KeepLowest(zoneOf, 1, Zone.Expectations);
        ZoneMath.KeepLowest(zoneOf, 2, Zone.Expectations);
        ZoneMath.KeepLowest(zoneOf, 2, Zone.Surprises);

        Assert.Equal(new Dictionary<int, Zone> { [1] = Zone.Recovery, [2] = Zone.Expectations }, zoneOf);
        Assert.Equal(Zone.Recovery, ZoneMath.Lowest(Zone.Surprises, Zone.Recovery));
        Assert.Equal(Zone.Expectations, ZoneMath.Lowest(Zone.Expectations, Zone.Surprises));
    }

    [Fact]
    public void CountsByZoneAreInZoneOrder()
    {
        Assert.Equal([1, 0, 2], ZoneMath.CountByZone([Zone.Surprises, Zone.Recovery, Zone.Surprises]));
        Assert.Equal([0, 0, 0], ZoneMath.CountByZone([]));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1 }, new[] { 34, 33, 33 })]
    [InlineData(new[] { 2, 2, 2 }, new[] { 34, 33, 33 })]
    [InlineData(new[] { 1, 2, 3 }, new[] { 17, 33, 50 })]
    [InlineData(new[] { 1, 1, 5 }, new[] { 14, 14, 72 })]
    [InlineData(new[] { 0, 3, 0 }, new[] { 0, 100, 0 })]
    [InlineData(new[] { 7, 0, 2 }, new[] { 78, 0, 22 })]
    [InlineData(new[] { 0, 0, 0 }, new[] { 0, 0, 0 })]
    public void PercentagesAddUpToExactlyOneHundredWithTheMissingPointsOnTheLargestRemainders(int[] counts, int[] expected)
    {
        Assert.Equal(expected, ZoneMath.LargestRemainderPercentages(counts));
    }

    [Fact]
    public void PercentagesAddUpToOneHundredForEverySmallCombinationAndStayWithinAPointOfTheExactShare()
    {
        for (var r = 0; r <= 12; r++)
        {
            for (var e = 0; e <= 12; e++)
            {
                for (var s = 0; s <= 12; s++)
                {
                    var percents = ZoneMath.LargestRemainderPercentages([r, e, s]);
                    Assert.Equal(r + e + s == 0 ? 0 : 100, percents.Sum());
                    Assert.All(percents.Zip([r, e, s]), p => Assert.True(Math.Abs(p.First - (p.Second * 100.0 / Math.Max(1, r + e + s))) < 1));
                }
            }
        }
    }

    [Fact]
    public void MovesNameEachWayACustomerWentBetweenTwoMeetings()
    {
        var moves = ZoneMath.Moves(
        [
            (Zone.Recovery, Zone.Expectations),
            (Zone.Recovery, Zone.Surprises),
            (Zone.Recovery, Zone.Recovery),
            (Zone.Expectations, Zone.Recovery),
            (Zone.Surprises, Zone.Recovery),
            (Zone.Surprises, Zone.Expectations),
            (Zone.Expectations, Zone.Expectations),
        ]);

        Assert.Equal(new ZoneMoves(7, 2, 2, 3, 2, 1, 2, moves.Matrix), moves);
        Assert.Equal<IEnumerable<int>>([[1, 1, 1], [1, 1, 0], [1, 1, 0]], moves.Matrix);
    }

    [Fact]
    public void EveryNamedCountOfASingleMoveComesFromItsOwnCell()
    {
        foreach (var was in Enum.GetValues<Zone>())
        {
            foreach (var now in Enum.GetValues<Zone>())
            {
                var moves = ZoneMath.Moves([(was, now)]);

                Assert.Equal(1, moves.Compared);
                Assert.Equal((now > was, now == was, now < was), (moves.Up == 1, moves.Same == 1, moves.Down == 1));
                Assert.Equal(was == Zone.Recovery && now != Zone.Recovery, moves.LeftRecovery == 1);
                Assert.Equal(was == Zone.Recovery && now == Zone.Surprises, moves.RecoveryToSurprises == 1);
                Assert.Equal(was != Zone.Recovery && now == Zone.Recovery, moves.IntoRecovery == 1);
                Assert.Equal(1, moves.Matrix[(int)was][(int)now]);
                Assert.Equal(1, moves.Matrix.Sum(row => row.Sum()));
            }
        }
    }

    [Fact]
    public void MovesBetweenTwoListsCompareOnlyCustomersOnBoth()
    {
        var before = new Dictionary<int, Zone> { [1] = Zone.Recovery, [2] = Zone.Expectations, [3] = Zone.Surprises };
        var now = new Dictionary<int, Zone> { [1] = Zone.Surprises, [2] = Zone.Expectations, [4] = Zone.Recovery };

        var moves = ZoneMath.Moves(before, now);

        Assert.Equal((2, 1, 1, 0, 1, 1, 0),
            (moves.Compared, moves.Up, moves.Same, moves.Down, moves.LeftRecovery, moves.RecoveryToSurprises, moves.IntoRecovery));
    }

    [Theory]
    [InlineData(DropReason.LostToCompetitor, false, true)]
    [InlineData(DropReason.StoppedBuying, false, true)]
    [InlineData(DropReason.LostToCompetitor, true, false)]
    [InlineData(DropReason.NoLongerMyAccount, false, false)]
    [InlineData(DropReason.ReplacedToKeepTen, false, false)]
    public void ACustomerIsLostWhenDroppedAsGoneAndOnNobodysListNow(DropReason reason, bool stillOnAList, bool lost) =>
        Assert.Equal(lost, ZoneMath.IsLost(reason, stillOnAList));

    [Theory]
    [InlineData(3, 100, 0.03)]
    [InlineData(1, 3, 0.3333)]
    [InlineData(0, 10, 0)]
    [InlineData(0, 0, 0)]
    public void TheChurnRateIsAFractionToFourPlacesAndZeroWithNoOneToLose(int lost, int baseCount, double rate)
    {
        Assert.Equal(rate, ZoneMath.ChurnRate(lost, baseCount));
    }
}
