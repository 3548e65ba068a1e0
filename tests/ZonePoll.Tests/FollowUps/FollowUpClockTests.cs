using ZonePoll.Web.FollowUps;

namespace ZonePoll.Tests.FollowUps;

public class FollowUpClockTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    [Fact]
    public void ThreeWorkingDaysAfterAFridayMeetingIsTheNextWednesday() =>
        Assert.Equal(new DateOnly(2026, 12, 2), FollowUpClock.AddWorkingDays(Friday, 3));

    [Fact]
    public void DueDatesStopAtTheCalendarsLastDayRatherThanRunOffIt()
    {
        // Meetings dated there may already be in a database: a due date from one must not fail the save.
        Assert.Equal(DateOnly.MaxValue, FollowUpClock.AddWorkingDays(DateOnly.MaxValue, FollowUpClock.DefaultDueWorkingDays));
        Assert.Equal(DateOnly.MaxValue, FollowUpClock.AddWorkingDays(DateOnly.MaxValue.AddDays(-1), FollowUpClock.DefaultDueWorkingDays));
        Assert.Equal(5, FollowUpClock.WorkingDaysBetween(DateOnly.MaxValue.AddDays(-7), DateOnly.MaxValue));
        Assert.Equal(1, FollowUpClock.WorkingDaysBetween(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue));
    }

    [Theory]
    [InlineData(0, 0)] // Friday itself
    [InlineData(1, 0)] // Saturday
    [InlineData(3, 1)] // Monday
    [InlineData(7, 5)] // next Friday
    [InlineData(10, 6)] // the Monday after
    [InlineData(365, 260)] // 52 weeks and a Saturday
    public void WorkingDaysSkipWeekends(int calendarDays, int workingDays) =>
        Assert.Equal(workingDays, FollowUpClock.WorkingDaysBetween(Friday, Friday.AddDays(calendarDays)));

    [Fact]
    public void WorkingDaysBetweenMatchesCountingDayByDayOverAYearOfStarts()
    {
        for (var start = 0; start < 14; start++)
        {
            var from = Friday.AddDays(start);
            for (var span = 0; span < 60; span++)
            {
                var counted = Enumerable.Range(1, span).Count(d => FollowUpClock.IsWorkingDay(from.AddDays(d)));
                Assert.Equal(counted, FollowUpClock.WorkingDaysBetween(from, from.AddDays(span)));
            }
        }
    }

    [Fact]
    public void TheFirstResponseIsTheEarliestStepDoneWhicheverItIs()
    {
        // Fix before Clarify: real life is not linear, and the clock takes the first step done.
        Assert.Equal(new DateOnly(2026, 11, 30), FollowUpClock.FirstResponse(new DateOnly(2026, 12, 2), new DateOnly(2026, 11, 30), null));
        Assert.Null(FollowUpClock.FirstResponse(null, null, null));
    }

    [Fact]
    public void TheClockRunsUntilTodayWhileOpenAndStopsWhenClosed()
    {
        var monday = new DateOnly(2026, 11, 30);
        Assert.Equal(new FollowUpTimes(3, 1), FollowUpClock.Times(Friday, monday, null, new DateOnly(2026, 12, 2)));
        Assert.Equal(new FollowUpTimes(1, null), FollowUpClock.Times(Friday, null, monday, new DateOnly(2026, 12, 20)));
    }

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, FollowUpClock.Median([4, 1, 2, 3]));
        Assert.Equal(2, FollowUpClock.Median([3, 1, 2]));
        Assert.Null(FollowUpClock.Median([]));
    }

    [Theory]
    [InlineData(0.0, "Follow-ups: 2 open · 0 overdue · first response the same day (median)")]
    [InlineData(1.0, "Follow-ups: 2 open · 0 overdue · first response in a median of 1 working day")]
    [InlineData(2.5, "Follow-ups: 2 open · 0 overdue · first response in a median of 2.5 working days")]
    public void TheProjectorsLineSaysSameDayRatherThanZeroWorkingDays(double median, string line) =>
        Assert.Equal(line, new ZonePoll.Web.Tally.FollowUpSummary(2, 0, 0, median, []).Line);
}
