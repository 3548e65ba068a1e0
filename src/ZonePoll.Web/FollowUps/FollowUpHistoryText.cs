using System.Globalization;

namespace ZonePoll.Web.FollowUps;

/// <summary>
/// The sentences a person's edit leaves in a follow-up's history, in one place so the page, its tests and anyone
/// reading the history later agree on the words. (The worksheet save's own lines stay beside it in FollowUpSync.)
/// </summary>
public static class FollowUpHistoryText
{
    public const string ClosedFollowedUp = "Closed: followed up.";

    public static string Done(string step, DateOnly on) => $"{step}: done {Day(on)}.";

    public static string NoLongerDone(string step) => $"{step}: no longer done.";

    public static string NoteCleared(string step) => $"{step}: note cleared.";

    public static string Note(string step, string note) => $"{step} note: “{note}”";

    public static string DueMoved(DateOnly from, DateOnly to) => $"Due date moved from {Day(from)} to {Day(to)}.";

    /// <summary>The due date the page moved on its own after a step was done, saying why.</summary>
    public static string DueMovedToNextStep(DateOnly from, DateOnly to, string doneStep, string nextStep) =>
        $"Due date moved from {Day(from)} to {Day(to)}: {nextStep} is due {FollowUpClock.DefaultDueWorkingDays} working days after {doneStep}.";

    public static string HandedTo(string name) => $"Handed to {name}.";

    public static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
