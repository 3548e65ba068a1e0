using System.Globalization;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Meetings;

/// <summary>The action form exactly as posted: every field a string, so nothing typed is lost to binding.</summary>
public sealed record ActionForm(string? Text, string? OwnerId, string? DueOn, string? CustomerId, string? PromptId)
{
    public static ActionForm Empty { get; } = new(null, null, null, null, null);
}

/// <summary>An action once checked: what to store.</summary>
public sealed record ActionValues(string Text, string OwnerId, DateOnly DueOn, int? CustomerId, int? PromptId);

/// <summary>A refusal beside one field of the form (<c>Text</c>, <c>OwnerId</c>, <c>DueOn</c>, <c>CustomerId</c>, <c>PromptId</c>).</summary>
public sealed record ActionFieldError(string Field, string Message);

public sealed record ActionCheck(ActionValues? Values, IReadOnlyList<ActionFieldError> Errors)
{
    public bool IsValid => Values is not null;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>What the people, customers and prompts an action may name are, for <see cref="ActionRules.Check"/>.</summary>
/// <param name="Owners">The team's members by user id.</param>
/// <param name="Customers">The customers the person may name (a rep: those on their own lists; a manager: the team's).</param>
/// <param name="Prompts">The meeting's prompts.</param>
/// <param name="MeetingDate">Nothing agreed there is due before the meeting (or before today, if that is earlier).</param>
/// <param name="Today">The person's own day.</param>
public sealed record ActionChoices(
    IReadOnlySet<string> Owners, IReadOnlySet<int> Customers, IReadOnlySet<int> Prompts, DateOnly MeetingDate, DateOnly Today);

/// <summary>The action form's rules, pure like <see cref="FollowUpEditRules"/>.</summary>
public static class ActionRules
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The due date the form proposes: a working week after the meeting, or after today when that is later.</summary>
    public static DateOnly ProposedDue(DateOnly meetingDate, DateOnly today) =>
        FollowUpClock.AddWorkingDays(meetingDate > today ? meetingDate : today, 5);

    public static ActionCheck Check(ActionForm form, ActionChoices choices)
    {
        var errors = new List<ActionFieldError>();
        var text = (form.Text ?? "").Trim();
        if (TextRules.IsBlank(text))
        {
            errors.Add(new(nameof(ActionForm.Text), "Say what was agreed, such as \"Call Harbor about the delivery delay\"."));
        }
        else if (text.Length > MeetingAction.TextMaxLength)
        {
            errors.Add(new(nameof(ActionForm.Text), LengthLimitAttribute.Message("the action", MeetingAction.TextMaxLength, text.Length)));
        }
        // Checked as a name: it goes up on the projector and into the handout beside the customers it names, and a
        // direction override or a hidden character there can make it read as something else.
        else if (TextRules.Problem(text, TextKind.Name) is { } problem)
        {
            errors.Add(new(nameof(ActionForm.Text), $"The action {problem}; type it again without one."));
        }

        var owner = form.OwnerId?.Trim();
        if (string.IsNullOrEmpty(owner) || !choices.Owners.Contains(owner))
        {
            errors.Add(new(nameof(ActionForm.OwnerId), "Pick who owns it from the team's members."));
        }

        var due = CheckDue(form.DueOn, choices, errors);
        var customer = CheckChoice(form.CustomerId, choices.Customers, nameof(ActionForm.CustomerId), "Pick the customer from the list, or none.", errors);
        var prompt = CheckChoice(form.PromptId, choices.Prompts, nameof(ActionForm.PromptId), "Pick the prompt from the list, or none.", errors);
        return errors.Count > 0
            ? new ActionCheck(null, errors)
            : new ActionCheck(new ActionValues(text, owner!, due!.Value, customer, prompt), errors);
    }

    private static DateOnly? CheckDue(string? dueOn, ActionChoices choices, List<ActionFieldError> errors)
    {
        var earliest = choices.MeetingDate < choices.Today ? choices.MeetingDate : choices.Today;
        if (string.IsNullOrWhiteSpace(dueOn)
            || !DateOnly.TryParseExact(dueOn.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            var example = ProposedDue(choices.MeetingDate, choices.Today).ToString(DateFormat, CultureInfo.InvariantCulture);
            errors.Add(new(nameof(ActionForm.DueOn), $"Give a due date, such as {example}."));
            return null;
        }

        if (due < earliest)
        {
            errors.Add(new(nameof(ActionForm.DueOn), $"The due date cannot be before {FollowUpHistoryText.Day(earliest)}."));
            return null;
        }

        if (due > choices.Today.AddYears(1))
        {
            errors.Add(new(nameof(ActionForm.DueOn), "Keep the due date within a year of today."));
            return null;
        }

        return due;
    }

    private static int? CheckChoice(string? posted, IReadOnlySet<int> allowed, string field, string message, List<ActionFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(posted))
        {
            return null;
        }

        if (int.TryParse(posted.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && allowed.Contains(id))
        {
            return id;
        }

        errors.Add(new(field, message));
        return null;
    }
}
