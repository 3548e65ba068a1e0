using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Meetings;

/// <summary>One choice in the action form's lists: the value posted and what the person reads.</summary>
public sealed record ActionOption(string Value, string Label);

/// <summary>What the action form offers: the team's members, the customers the person may name, the meeting's prompts.</summary>
public sealed record ActionOptions(
    IReadOnlyList<ActionOption> Owners, IReadOnlyList<ActionOption> Customers, IReadOnlyList<ActionOption> Prompts, DateOnly ProposedDue);

/// <summary>How marking an action done or open went.</summary>
public enum ActionDoneResult
{
    Saved,

    /// <summary>No such action on the checked team: answered as 404, whether it exists elsewhere or not.</summary>
    NotFound,

    /// <summary>On the team, but neither the caller's own nor the caller a manager.</summary>
    NotYours,
}

/// <summary>
/// Adds the actions a meeting agrees and marks them done, each through <see cref="MeetingChanges"/> so the projector's
/// Actions strip and the next meeting's "last time" follow within the second. Every id a form names (owner, customer,
/// prompt, action) is looked up inside the team the membership rule checked.
/// </summary>
public sealed class MeetingActions(ZonePollDbContext db, MeetingChanges changes)
{
    /// <summary>More than any meeting agrees; a bound on what one team can store through one meeting.</summary>
    public const int MaxPerMeeting = 200;

    public const string LockedProblem = "The meeting is locked, so no more actions can be added to it.";
    public const string NotRevealedProblem = "Actions can be added once the manager reveals the results.";
    public static readonly string FullProblem = $"This meeting already has {MaxPerMeeting} actions, the most one meeting can hold.";

    /// <summary>
    /// Why the caller may not add an action to the meeting now, or null when they may: a manager until it is locked, a
    /// rep while it is open and its results are revealed.
    /// </summary>
    public static string? AddProblem(bool isManager, MeetingStatus status, bool revealed) =>
        status == MeetingStatus.Locked ? LockedProblem
        : isManager ? null
        : status != MeetingStatus.Open || !revealed ? NotRevealedProblem
        : null;

    /// <summary>The form's lists for <paramref name="meeting"/>: a rep names the customers on their own list, a manager any on the meeting's.</summary>
    public async Task<ActionOptions> OptionsAsync(MeetingAccessResult meeting, string userId, DateOnly today, CancellationToken cancellationToken)
    {
        var owners = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == meeting.TeamId)
            .Select(m => new { m.UserId, m.User!.DisplayName })
            .ToListAsync(cancellationToken);
        var customers = await db.Worksheets.AsNoTracking()
            .Where(w => w.MeetingId == meeting.MeetingId && (meeting.IsManager || w.RepId == userId))
            .SelectMany(w => w.Entries, (w, e) => new { e.CustomerId, e.Customer!.Name })
            .Distinct()
            .ToListAsync(cancellationToken);
        var prompts = await db.MeetingPrompts.AsNoTracking()
            .Where(p => p.MeetingId == meeting.MeetingId)
            .OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Text })
            .ToListAsync(cancellationToken);
        return new ActionOptions(
            [.. owners.OrderBy(o => o.DisplayName, StringComparer.CurrentCulture).Select(o => new ActionOption(o.UserId, o.DisplayName))],
            [.. customers.OrderBy(c => c.Name, StringComparer.CurrentCulture).Select(c => new ActionOption(Id(c.CustomerId), c.Name))],
            [.. prompts.Select(p => new ActionOption(Id(p.Id), p.Text))],
            ActionRules.ProposedDue(meeting.Date, today));
    }

    /// <summary>
    /// Checks and adds an action to the checked meeting. The rules are read inside the change's transaction, so a
    /// member removed, a prompt deleted or the meeting locked a moment before is refused, not stored.
    /// </summary>
    /// <returns>The check: valid when the action was added; otherwise the errors, beside their fields.</returns>
    public async Task<ActionCheck> AddAsync(MeetingAccessResult meeting, string userId, ActionForm form, DateOnly today, CancellationToken cancellationToken)
    {
        await using var change = await changes.BeginAsync(db, meeting.TeamId, cancellationToken);
        var state = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meeting.MeetingId)
            .Select(m => new { m.Status, m.ResultsRevealed, m.Date, Actions = db.MeetingActions.Count(a => a.MeetingId == m.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        var refused = state is null ? LockedProblem
            : AddProblem(meeting.IsManager, state.Status, state.ResultsRevealed)
            ?? (state.Actions >= MaxPerMeeting ? FullProblem : null);
        if (refused is not null)
        {
            return new ActionCheck(null, [new ActionFieldError("", refused)]);
        }

        var options = await OptionsAsync(meeting, userId, today, cancellationToken);
        var check = ActionRules.Check(form, new ActionChoices(
            options.Owners.Select(o => o.Value).ToHashSet(StringComparer.Ordinal),
            options.Customers.Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
            options.Prompts.Select(p => int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
            state!.Date,
            today));
        if (check.Values is not { } values)
        {
            return check;
        }

        db.MeetingActions.Add(new MeetingAction
        {
            TeamId = meeting.TeamId,
            MeetingId = meeting.MeetingId,
            Text = values.Text,
            OwnerId = values.OwnerId,
            DueOn = values.DueOn,
            CustomerId = values.CustomerId,
            PromptId = values.PromptId,
            CreatedById = userId,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        // Later meetings show this one's actions as "last time's", so they move too.
        await change.CommitAsync(new TallyChange.MeetingAndLater(meeting.MeetingId), cancellationToken);
        return check;
    }

    /// <summary>
    /// Marks an action of the checked team done today, or open again. Its owner and the team's managers may; every
    /// meeting of the team moves, as the next one shows it under "last time".
    /// </summary>
    public async Task<ActionDoneResult> SetDoneAsync(
        int teamId, string actionId, string userId, bool isManager, bool done, DateOnly today, CancellationToken cancellationToken)
    {
        if (!int.TryParse(actionId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return ActionDoneResult.NotFound;
        }

        await using var change = await changes.BeginAsync(db, teamId, cancellationToken);
        var action = await db.MeetingActions.SingleOrDefaultAsync(a => a.Id == id && a.TeamId == teamId, cancellationToken);
        if (action is null)
        {
            return ActionDoneResult.NotFound;
        }

        if (!isManager && action.OwnerId != userId)
        {
            return ActionDoneResult.NotYours;
        }

        if ((action.DoneOn is not null) == done)
        {
            // Another tab got there first: nothing to change, and nobody to tell.
            return ActionDoneResult.Saved;
        }

        action.DoneOn = done ? today : null;
        await change.CommitAsync(new TallyChange.Team(teamId), cancellationToken);
        return ActionDoneResult.Saved;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
