using System.Globalization;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.FollowUps;

/// <summary>One step of the follow-up form, exactly as typed: the tick, the date it was done, the note.</summary>
public sealed record StepForm(string? Done, string? On, string? Note);

/// <summary>One step as stored: when it was done (null: not yet) and its note.</summary>
public sealed record StepState(DateOnly? Done, string? Note);

/// <summary>The parts of a follow-up a person edits.</summary>
public sealed record FollowUpEdit(IReadOnlyList<StepState> Steps, DateOnly DueOn, string OwnerId);

/// <summary>A refusal beside one field of the form (<c>Steps[1].On</c>, <c>DueOn</c>).</summary>
public sealed record FollowUpFieldError(string Field, string Message);

/// <summary>What the form asks for once checked: the steps and due date to keep, or the errors to show.</summary>
/// <param name="Steps">Each step to keep.</param>
/// <param name="DueOn">The due date to keep; null when something was refused.</param>
/// <param name="DueMovedAfter">The step whose doing moved the due date on; null when the due date is the one posted.</param>
/// <param name="Errors">What was refused, beside its field.</param>
public sealed record FollowUpEditCheck(IReadOnlyList<StepState> Steps, DateOnly? DueOn, FollowUpStep? DueMovedAfter, IReadOnlyList<FollowUpFieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The follow-up page's rules, pure like <see cref="Worksheets.WorksheetRules"/>: what a posted step or due date
/// means, where the due date goes after a step is done, and what the history says changed. Today is the person's
/// own day, from the caller.
/// </summary>
public static class FollowUpEditRules
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Checks every step and the due date against the follow-up as stored.</summary>
    /// <param name="steps">The posted steps, one per <see cref="FollowUpStepStyle.All"/>; missing ones count as empty.</param>
    /// <param name="dueOn">The posted due date.</param>
    /// <param name="current">The follow-up as stored.</param>
    /// <param name="openedOn">When the customer was placed: nothing is done or due before it.</param>
    /// <param name="today">The person's today.</param>
    public static FollowUpEditCheck Check(IReadOnlyList<StepForm?> steps, string? dueOn, FollowUpEdit current, DateOnly openedOn, DateOnly today)
    {
        var errors = new List<FollowUpFieldError>();
        var checkedSteps = new List<StepState>();
        for (var i = 0; i < FollowUpStepStyle.All.Count; i++)
        {
            var input = i < steps.Count ? steps[i] ?? new StepForm(null, null, null) : new StepForm(null, null, null);
            checkedSteps.Add(CheckStep(i, input, openedOn, today, errors));
        }

        var due = CheckDueOn(dueOn, openedOn, today, errors);
        if (due is not { } posted || errors.Count > 0)
        {
            return new FollowUpEditCheck(checkedSteps, null, null, errors);
        }

        var (next, after) = NextDueOn(current, checkedSteps, posted);
        return new FollowUpEditCheck(checkedSteps, next, after, errors);
    }

    /// <summary>
    /// The due date to keep: when a step is newly done and another is still to do, the next one is due
    /// <see cref="FollowUpClock.DefaultDueWorkingDays"/> working days after the day it was done, unless the person
    /// moved the due date in the same post (theirs wins). The last step done closes it, so the date stays.
    /// </summary>
    /// <returns>The due date, and the step whose doing moved it (null: the posted date stands).</returns>
    public static (DateOnly DueOn, FollowUpStep? MovedAfter) NextDueOn(FollowUpEdit current, IReadOnlyList<StepState> steps, DateOnly postedDue)
    {
        if (postedDue != current.DueOn
            || NewlyDone(current, steps) is not { } step
            || FollowUpStepStyle.Next(steps[0].Done, steps[1].Done, steps[2].Done) is null)
        {
            return (postedDue, null);
        }

        return (FollowUpClock.AddWorkingDays(steps[step].Done!.Value, FollowUpClock.DefaultDueWorkingDays), FollowUpStepStyle.All[step].Step);
    }

    /// <summary>The history lines for an edit; empty when nothing changed.</summary>
    /// <param name="before">The follow-up as stored.</param>
    /// <param name="after">As it will be saved.</param>
    /// <param name="handedTo">The new owner's name, when the owner changed.</param>
    /// <param name="dueMovedAfter">The step whose doing moved the due date on, from <see cref="Check"/>.</param>
    public static List<string> Describe(FollowUpEdit before, FollowUpEdit after, string? handedTo, FollowUpStep? dueMovedAfter = null)
    {
        var changes = new List<string>();
        for (var i = 0; i < after.Steps.Count; i++)
        {
            var name = FollowUpStepStyle.All[i].Name;
            if (after.Steps[i].Done != before.Steps[i].Done)
            {
                changes.Add(after.Steps[i].Done is { } on ? FollowUpHistoryText.Done(name, on) : FollowUpHistoryText.NoLongerDone(name));
            }

            if (after.Steps[i].Note != before.Steps[i].Note)
            {
                changes.Add(after.Steps[i].Note is { } note ? FollowUpHistoryText.Note(name, note) : FollowUpHistoryText.NoteCleared(name));
            }
        }

        if (after.DueOn != before.DueOn)
        {
            var next = FollowUpStepStyle.Next(after.Steps[0].Done, after.Steps[1].Done, after.Steps[2].Done);
            changes.Add(dueMovedAfter is { } done && next is { } step
                ? FollowUpHistoryText.DueMovedToNextStep(before.DueOn, after.DueOn, FollowUpStepStyle.Of(done).Name, FollowUpStepStyle.Of(step).Name)
                : FollowUpHistoryText.DueMoved(before.DueOn, after.DueOn));
        }

        if (handedTo is not null && after.OwnerId != before.OwnerId)
        {
            changes.Add(FollowUpHistoryText.HandedTo(handedTo));
        }

        return changes;
    }

    /// <summary>
    /// The step done in this post that sets the next due date: of those newly ticked, the one done last (the latest
    /// date, then the later step). Null when none was.
    /// </summary>
    private static int? NewlyDone(FollowUpEdit current, IReadOnlyList<StepState> steps)
    {
        int? newest = null;
        for (var i = 0; i < steps.Count && i < current.Steps.Count; i++)
        {
            if (current.Steps[i].Done is null && steps[i].Done is { } on && (newest is null || on >= steps[newest.Value].Done!.Value))
            {
                newest = i;
            }
        }

        return newest;
    }

    private static StepState CheckStep(int i, StepForm input, DateOnly openedOn, DateOnly today, List<FollowUpFieldError> errors)
    {
        var name = FollowUpStepStyle.All[i].Name;
        var note = input.Note?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        note = string.IsNullOrEmpty(note) ? null : note;
        if (note is not null && note.Length > FollowUp.NoteMaxLength)
        {
            errors.Add(new($"Steps[{i}].Note", LengthLimitAttribute.Message("the note", FollowUp.NoteMaxLength, note.Length)));
        }
        else if (note is not null && TextRules.Problem(note, TextKind.Multiline) is { } problem)
        {
            errors.Add(new($"Steps[{i}].Note", $"The note {problem}; type it again without one."));
        }

        if (input.Done is not (null or "" or "true" or "false"))
        {
            errors.Add(new($"Steps[{i}].Done", $"Tick or clear \"{name}\"."));
            return new(null, note);
        }

        var ticked = input.Done == "true";
        if (string.IsNullOrWhiteSpace(input.On))
        {
            // Ticked without a date: done today.
            return new(ticked ? today : null, note);
        }

        if (!DateOnly.TryParseExact(input.On.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            errors.Add(new($"Steps[{i}].On", $"Give the date {name} was done as a date, such as {today.ToString(DateFormat, CultureInfo.InvariantCulture)}."));
        }
        else if (!ticked)
        {
            errors.Add(new($"Steps[{i}].On", $"Tick \"{name}\" as done, or clear its date."));
        }
        else if (on > today)
        {
            errors.Add(new($"Steps[{i}].On", $"{name} cannot be done in the future: give today's date or an earlier one."));
        }
        else if (on < openedOn)
        {
            errors.Add(new($"Steps[{i}].On", $"{name} cannot be done before the customer was placed here on {FollowUpHistoryText.Day(openedOn)}."));
        }
        else
        {
            return new(on, note);
        }

        return new(null, note);
    }

    private static DateOnly? CheckDueOn(string? dueOn, DateOnly openedOn, DateOnly today, List<FollowUpFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(dueOn)
            || !DateOnly.TryParseExact(dueOn.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            var example = FollowUpClock.AddWorkingDays(today, FollowUpClock.DefaultDueWorkingDays).ToString(DateFormat, CultureInfo.InvariantCulture);
            errors.Add(new(nameof(FollowUpEdit.DueOn), $"Give a due date, such as {example}."));
            return null;
        }

        if (due < openedOn)
        {
            errors.Add(new(nameof(FollowUpEdit.DueOn), $"The due date cannot be before the meeting, {FollowUpHistoryText.Day(openedOn)}."));
            return null;
        }

        if (due > today.AddYears(1))
        {
            errors.Add(new(nameof(FollowUpEdit.DueOn), "Keep the due date within a year: a customer in Recovery cannot wait that long."));
            return null;
        }

        return due;
    }
}
