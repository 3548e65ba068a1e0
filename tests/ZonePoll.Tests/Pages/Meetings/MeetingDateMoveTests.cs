using ZonePoll.Web.Pages.Meetings;

namespace ZonePoll.Tests.Pages.Meetings;

public class MeetingDateMoveTests
{
    // Thursday 26 November 2026: due three working days on, Tuesday 1 December.
    private static readonly DateOnly November = new(2026, 11, 26);
    private static readonly DateOnly DueAfterNovember = new(2026, 12, 1);

    [Fact]
    public void AFollowUpOpenedAtTheMeetingOpensAndFallsDueFromItsNewDate()
    {
        var moved = MeetingDateMove.For(new FollowUpDates(November, DueAfterNovember), savedOn: new(2026, 11, 27), from: November, to: new(2026, 12, 4));

        // Saved the day after the old date, before the new one: opened that day; due Wednesday 9 December.
        Assert.Equal(new FollowUpDates(new(2026, 11, 27), new(2026, 12, 9)), moved);
    }

    [Fact]
    public void AFollowUpSavedBeforeAnEarlierNewDateOpensOnTheNewDate()
    {
        var moved = MeetingDateMove.For(new FollowUpDates(November, DueAfterNovember), savedOn: new(2026, 11, 27), from: November, to: new(2026, 11, 19));

        Assert.Equal(new FollowUpDates(new(2026, 11, 19), new(2026, 11, 24)), moved);
    }

    [Fact]
    public void ADueDateChosenByHandStays()
    {
        var handPicked = new DateOnly(2026, 12, 24);

        var moved = MeetingDateMove.For(new FollowUpDates(November, handPicked), savedOn: November, from: November, to: new(2026, 12, 4));

        Assert.Equal(new FollowUpDates(new(2026, 11, 26), handPicked), moved);
    }
}
