using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Meetings;

public class ActionRulesTests
{
    private static readonly DateOnly MeetingDay = new(2026, 12, 3);

    private static readonly ActionChoices Choices = new(
        new HashSet<string>(["ana", "ben"], StringComparer.Ordinal), new HashSet<int>([11, 12]), new HashSet<int>([5]), MeetingDay, MeetingDay);

    private static ActionCheck Check(string? text = "Call Harbor about the delivery delay", string? owner = "ana", string? due = "2026-12-10",
        string? customer = null, string? prompt = null) =>
        ActionRules.Check(new ActionForm(text, owner, due, customer, prompt), Choices);

    [Fact]
    public void AnActionWithTextOwnerAndDueDateIsKeptTrimmedWithItsCustomerAndPrompt()
    {
        var check = Check(text: "  Call Harbor  ", customer: "12", prompt: "5");

        Assert.True(check.IsValid);
        Assert.Equal(new ActionValues("Call Harbor", "ana", new DateOnly(2026, 12, 10), 12, 5), check.Values);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\u200B")]
    public void AnEmptyActionIsRefusedBesideItsText(string? text)
    {
        var check = Check(text: text);

        Assert.Null(check.Values);
        Assert.StartsWith("Say what was agreed", check.ErrorFor(nameof(ActionForm.Text)));
    }

    [Fact]
    public void AnActionLongerThanTheColumnIsRefusedWithItsLength()
    {
        var check = Check(text: new string('a', MeetingAction.TextMaxLength + 1));

        Assert.Equal($"Keep the action to {MeetingAction.TextMaxLength} characters (this one has {MeetingAction.TextMaxLength + 1}).", check.ErrorFor("Text"));
    }

    [Fact]
    public void ControlCharactersInTheTextAreRefused()
    {
        Assert.Contains("type it again without one", Check(text: "Call\u0007 Harbor").ErrorFor("Text"));
    }

    [Theory]
    [InlineData("Pay Harbor \u202E05$ kcab\u202C today")]
    [InlineData("Call \u2066Harbor\u2069 today")]
    [InlineData("Call \u202AHarbor")]
    public void DirectionOverridesAndIsolatesInTheTextAreRefusedSoTheProjectorShowsWhatWasTyped(string text)
    {
        var check = Check(text: text);

        Assert.Null(check.Values);
        Assert.Equal(
            "The action contains an invisible character that changes the direction of the text, which can make it read as something else; "
            + "type it again without one.",
            check.ErrorFor("Text"));
    }

    [Fact]
    public void RightToLeftTextAndItsMarksStay()
    {
        Assert.True(Check(text: "\u05E9\u05DC\u05D5\u05DD \u200F Harbor").IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("someone-of-another-team")]
    public void AnOwnerWhoIsNotOnTheTeamIsRefused(string? owner)
    {
        Assert.Equal("Pick who owns it from the team's members.", Check(owner: owner).ErrorFor("OwnerId"));
    }

    [Theory]
    [InlineData(null, "Give a due date, such as 2026-12-10.")]
    [InlineData("next week", "Give a due date, such as 2026-12-10.")]
    [InlineData("2026-12-02", "The due date cannot be before 3 Dec 2026.")]
    [InlineData("2027-12-04", "Keep the due date within a year of today.")]
    public void ADueDateThatIsMissingMalformedBeforeTheMeetingOrTooFarIsRefused(string? due, string message)
    {
        Assert.Equal(message, Check(due: due).ErrorFor("DueOn"));
    }

    [Fact]
    public void TheMeetingDayAndAYearAheadAreBothAllowed()
    {
        Assert.True(Check(due: "2026-12-03").IsValid);
        Assert.True(Check(due: "2027-12-03").IsValid);
    }

    [Theory]
    [InlineData("13", null)]
    [InlineData("x", null)]
    [InlineData("-11", null)]
    [InlineData(null, "6")]
    public void ACustomerOrPromptNotOfferedIsRefusedAndEveryOtherFieldStillChecked(string? customer, string? prompt)
    {
        var check = Check(text: "", customer: customer, prompt: prompt);

        Assert.NotNull(check.ErrorFor("Text"));
        Assert.NotNull(check.ErrorFor(customer is null ? "PromptId" : "CustomerId"));
    }

    [Fact]
    public void TheProposedDueDateIsAWorkingWeekAfterTheMeetingOrAfterTodayWhenLater()
    {
        Assert.Equal(new DateOnly(2026, 12, 10), ActionRules.ProposedDue(MeetingDay, MeetingDay));
        Assert.Equal(new DateOnly(2026, 12, 17), ActionRules.ProposedDue(MeetingDay, new DateOnly(2026, 12, 10)));
    }

    [Theory]
    [InlineData(true, MeetingStatus.Draft, false, null)]
    [InlineData(true, MeetingStatus.Open, false, null)]
    [InlineData(true, MeetingStatus.Locked, true, MeetingActions.LockedProblem)]
    [InlineData(false, MeetingStatus.Open, false, MeetingActions.NotRevealedProblem)]
    [InlineData(false, MeetingStatus.Draft, true, MeetingActions.NotRevealedProblem)]
    [InlineData(false, MeetingStatus.Open, true, null)]
    [InlineData(false, MeetingStatus.Locked, true, MeetingActions.LockedProblem)]
    public void ManagersAddUntilTheLockAndRepsOnlyWhileOpenAfterTheReveal(bool manager, MeetingStatus status, bool revealed, string? problem)
    {
        Assert.Equal(problem, MeetingActions.AddProblem(manager, status, revealed));
    }
}
