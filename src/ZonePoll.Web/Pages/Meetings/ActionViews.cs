using System.Globalization;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Pages.Meetings;

/// <summary>
/// The "Add an action" form (_ActionForm.cshtml) as one page draws it: the lists it offers, and after a refusal what
/// was posted and why, so every value typed comes back beside its error.
/// </summary>
public sealed record ActionFormView(ActionOptions Options, string UserId, ActionForm? Posted, ActionCheck? Refused, bool Compact = false)
{
    /// <summary>The form's field names; none is an id the membership rule checks, so none can be mistaken for one.</summary>
    public const string TextField = "actionText";
    public const string OwnerField = "actionOwner";
    public const string DueField = "actionDue";
    public const string CustomerField = "actionCustomer";
    public const string PromptField = "actionPrompt";

    public string Text => Posted?.Text ?? "";

    /// <summary>Whoever speaks up usually owns it: the person adding it, until they pick someone else.</summary>
    public string Owner => Posted?.OwnerId ?? UserId;

    public string Due => Posted?.DueOn ?? Options.ProposedDue.ToString(ActionRules.DateFormat, CultureInfo.InvariantCulture);

    public string Customer => Posted?.CustomerId ?? "";

    public string Prompt => Posted?.PromptId ?? "";

    /// <summary>The refusal of the whole form (locked, not revealed, full), shown above it.</summary>
    public string? Problem => Refused?.ErrorFor("");

    public string? ErrorFor(string field) => Refused?.ErrorFor(field);
}

/// <summary>
/// A list of actions (_ActionList.cshtml): <paramref name="CanTick"/> says which get a Done / Reopen button, and
/// <paramref name="OwnCustomers"/> names the customer of a rep's own actions where the team's view leaves it out.
/// </summary>
public sealed record ActionListView(
    string Id, IReadOnlyList<ActionItem> Items, Func<ActionItem, bool> CanTick, IReadOnlyDictionary<int, string>? OwnCustomers = null)
{
    public string? CustomerOf(ActionItem item) =>
        item.Customer ?? (OwnCustomers is not null && OwnCustomers.TryGetValue(item.Id, out var name) ? name : null);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>What the action handlers of the meeting pages share.</summary>
public static class ActionPosts
{
    public static ActionForm Form(string? text, string? owner, string? due, string? customer, string? prompt) =>
        new(text, owner, due, customer, prompt);

    public static string Done(bool done) => done ? "Action marked done." : "Action reopened.";
}
