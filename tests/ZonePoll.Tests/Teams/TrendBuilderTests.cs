using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Teams;

public class TrendBuilderTests
{
    private static readonly TrendMeeting September = new(1, "September", new DateOnly(2026, 9, 24));
    private static readonly TrendMeeting October = new(2, "October", new DateOnly(2026, 10, 29));
    private static readonly TrendMeeting November = new(3, "November", new DateOnly(2026, 11, 26));

    private static TeamTrend Build(TrendMeeting[] meetings, TrendEntry[] entries, TrendDrop[]? drops = null) =>
        TrendBuilder.Build(1, "Sales North", meetings, entries, drops ?? []);

    [Fact]
    public void TheSeedsExampleThreeLostOfAHundredIsThreePercent()
    {
        var entries = Enumerable.Range(1, 100).Select(c => new TrendEntry(September.Id, c, Zone.Expectations))
            .Concat(Enumerable.Range(4, 97).Select(c => new TrendEntry(October.Id, c, Zone.Expectations)))
            .ToArray();
        TrendDrop[] drops = [new(October.Id, 1, DropReason.LostToCompetitor), new(October.Id, 2, DropReason.StoppedBuying),
            new(October.Id, 3, DropReason.ReplacedToKeepTen)];

        var trend = Build([October, September], entries, drops);

        Assert.Equal(["September", "October"], trend.Meetings.Select(m => m.Title));
        Assert.Null(trend.Meetings[0].ChurnRate);
        Assert.Equal((2, 100, 0.02), (trend.Meetings[1].Lost!.Value, trend.Meetings[1].Base!.Value, trend.Meetings[1].ChurnRate!.Value));
    }

    [Fact]
    public void SharesCountEachCustomerOnceInItsLowestZoneAndAddUpToAHundred()
    {
        var trend = Build([September], [new(1, 1, Zone.Surprises), new(1, 1, Zone.Recovery), new(1, 2, Zone.Expectations), new(1, 3, Zone.Surprises)]);

        var point = Assert.Single(trend.Meetings);
        Assert.Equal((3, 1, 1, 1), (point.Customers, point.Recovery, point.Expectations, point.Surprises));
        Assert.Equal(100, point.RecoveryPercent + point.ExpectationsPercent + point.SurprisesPercent);
    }

    [Fact]
    public void AMeetingWithNoEntriesIsListedWithoutNumbersAndSkippedAsThePreviousOne()
    {
        var trend = Build(
            [September, October, November],
            [new(1, 1, Zone.Recovery), new(1, 2, Zone.Recovery), new(3, 1, Zone.Surprises), new(3, 2, Zone.Recovery)]);

        Assert.Equal((0, null, null), (trend.Meetings[1].Customers, trend.Meetings[1].OutOfRecovery, trend.Meetings[1].ChurnRate));
        Assert.Equal(1, trend.Meetings[2].OutOfRecovery);
        Assert.Equal(0.0, trend.Meetings[2].ChurnRate);
    }

    [Fact]
    public void HistoryStaysAsSavedSoARepWhoLeftStillCountsAtTheirMeetings()
    {
        // The trend has no roster: every saved entry counts where it was saved, whoever saved it.
        var trend = Build([September, October], [new(1, 1, Zone.Recovery), new(1, 9, Zone.Recovery), new(2, 1, Zone.Expectations)]);

        Assert.Equal(2, trend.Meetings[0].Customers);
        Assert.Equal((1, 2), (trend.Meetings[1].OutOfRecovery!.Value, trend.Meetings[1].Base!.Value));
    }

    [Fact]
    public void MeetingsOnTheSameDateAreOrderedById()
    {
        var sameDay = new TrendMeeting(7, "Catch-up", October.Date);

        var trend = Build([sameDay, October], []);

        Assert.Equal(["October", "Catch-up"], trend.Meetings.Select(m => m.Title));
    }
}
