using System.Globalization;

namespace ZonePoll.Web.FollowUps;

/// <summary>
/// The sentences a follow-up's history holds, in one place: a person's edits on the follow-up page, and the lines a
/// worksheet save leaves through <see cref="Worksheets.FollowUpSync"/> (written by the app, so with no one's name).
/// </summary>
public static class FollowUpHistoryText
{
    public const string ClosedFollowedUp = "Closed: followed up.";

    public const string Reopened = "Reopened: placed back in Service Recovery (or feeling a pinch) at the same meeting.";

    public const string ClosedLeftRecovery = "Closed: left Recovery (placed in Expectations or Surprises with no pinch).";

    public static string ClosedDropped(Worksheets.DropReason reason) => $"Closed: dropped from the list ({Worksheets.DropReasons.Label(reason)}).";

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
