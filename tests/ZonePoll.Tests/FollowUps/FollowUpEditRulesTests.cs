using ZonePoll.Web.FollowUps;

namespace ZonePoll.Tests.FollowUps;

public class FollowUpEditRulesTests
{
    // A follow-up opened at the Thursday 26 November meeting, due three working days later (Tuesday 1 December).
    private static readonly DateOnly Opened = new(2026, 11, 26);
    private static readonly DateOnly Due = new(2026, 12, 1);
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static FollowUpEdit Current(DateOnly? clarified = null, DateOnly? fixedOn = null) =>
        new([new(clarified, null), new(fixedOn, null), new(null, null)], Due, "rep-1");

    private static StepForm Ticked(string? on = null, string? note = null) => new("true", on, note);

    private static FollowUpEditCheck Check(FollowUpEdit current, string? due, params StepForm[] steps) =>
        FollowUpEditRules.Check(steps, due, current, Opened, Today);

    [Fact]
    public void ClarifyDoneOnAFridayMovesTheDueDateToTheWednesdayAfterForFix()
    {
        var check = Check(Current(), "2026-12-01", Ticked("2026-11-27"));

        Assert.True(check.IsValid);
        Assert.Equal((new DateOnly(2026, 12, 2), FollowUpStep.Clarify), (check.DueOn!.Value, check.DueMovedAfter!.Value));
    }

    [Fact]
    public void AStepTickedWithoutADateIsDoneTodayAndTheNextIsDueThreeWorkingDaysFromToday()
    {
        var check = Check(Current(), "2026-12-01", Ticked());

        Assert.Equal(Today, check.Steps[0].Done);
        // Thursday 3 December: Friday, Monday, Tuesday.
        Assert.Equal(new DateOnly(2026, 12, 8), check.DueOn);
    }

    [Fact]
    public void ADueDateChangedInTheSamePostWinsOverTheMove()
    {
        var check = Check(Current(), "2026-12-15", Ticked("2026-11-27"));

        Assert.Equal(new DateOnly(2026, 12, 15), check.DueOn);
        Assert.Null(check.DueMovedAfter);
    }

    [Fact]
    public void OnlyANewlyDoneStepMovesTheDueDateNotOneDoneBeforeOrANoteAlone()
    {
        var check = Check(Current(clarified: new DateOnly(2026, 11, 27)), "2026-12-01", Ticked("2026-11-27", "called again"));

        Assert.Equal((Due, (FollowUpStep?)null), (check.DueOn!.Value, check.DueMovedAfter));
    }

    [Fact]
    public void OfTwoStepsDoneInOnePostTheLaterDateSetsTheNextDueDate()
    {
        var check = Check(Current(), "2026-12-01", Ticked("2026-11-30"), Ticked("2026-11-27"));

        // Fix (27 Nov) before Clarify (30 Nov): Follow up is due three working days after Monday 30 November.
        Assert.Equal((new DateOnly(2026, 12, 3), FollowUpStep.Clarify), (check.DueOn!.Value, check.DueMovedAfter!.Value));
    }

    [Fact]
    public void TheLastStepDoneClosesItSoTheDueDateStays()
    {
        var check = Check(
            Current(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30)),
            "2026-12-01",
            Ticked("2026-11-27"),
            Ticked("2026-11-30"),
            Ticked("2026-12-02"));

        Assert.Equal((Due, (FollowUpStep?)null), (check.DueOn!.Value, check.DueMovedAfter));
    }

    [Theory]
    [InlineData("DueOn", "2026-11-20", "before the meeting")]
    [InlineData("DueOn", "2099-01-01", "within a year")]
    [InlineData("DueOn", "next week", "Give a due date")]
    [InlineData("Steps[0].On", "2026-11-20", "before the customer was placed")]
    [InlineData("Steps[0].On", "2026-12-04", "in the future")]
    [InlineData("Steps[0].On", "27/11/2026", "as a date")]
    [InlineData("Steps[0].Note", "bell\u0007", "control character")]
    [InlineData("Steps[0].Done", "maybe", "Tick or clear")]
    public void BadInputIsRefusedBesideItsFieldAndMovesNothing(string field, string value, string message)
    {
        var step = field switch
        {
            "Steps[0].On" => Ticked(value),
            "Steps[0].Note" => Ticked(note: value),
            "Steps[0].Done" => new StepForm(value, null, null),
            _ => Ticked(),
        };

        var check = Check(Current(), field == "DueOn" ? value : "2026-12-01", step);

        var error = Assert.Single(check.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(check.DueOn);
    }

    [Fact]
    public void ADateWithoutTheTickIsRefusedRatherThanGuessed()
    {
        var check = Check(Current(), "2026-12-01", new StepForm(null, "2026-11-27", null));

        Assert.Equal("Steps[0].On", Assert.Single(check.Errors).Field);
    }

    [Fact]
    public void TheHistorySaysWhyTheDueDateMovedAndWhatElseChanged()
    {
        var before = Current();
        var check = Check(before, "2026-12-01", Ticked("2026-11-27", "Depot move"));
        var after = new FollowUpEdit(check.Steps, check.DueOn!.Value, "rep-2");

        var lines = FollowUpEditRules.Describe(before, after, "Rep 2", check.DueMovedAfter);

        Assert.Equal(
            [
                "Clarify: done 27 Nov 2026.",
                "Clarify note: “Depot move”",
                "Due date moved from 1 Dec 2026 to 2 Dec 2026: Fix it is due 3 working days after Clarify.",
                "Handed to Rep 2.",
            ],
            lines);
    }

    [Fact]
    public void NothingChangedDescribesNothing() =>
        Assert.Empty(FollowUpEditRules.Describe(Current(), Current(), null));

    [Theory]
    [InlineData(0, "same day")]
    [InlineData(1, "1 working day")]
    [InlineData(4, "4 working days")]
    public void WorkingDaysReadAsWordsWithNoneAsSameDay(int days, string text) =>
        Assert.Equal(text, FollowUpClock.WorkingDaysText(days));
}
