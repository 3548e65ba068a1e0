using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>One follow-up as the page shows it, loaded by <see cref="FollowUpQuery"/>.</summary>
public sealed record FollowUpHeader(
    int Id,
    int TeamId,
    string TeamName,
    int CustomerId,
    string Customer,
    string OwnerId,
    string Owner,
    FollowUpCause Cause,
    DateOnly OpenedOn,
    DateOnly DueOn,
    DateOnly? ClarifiedOn,
    string? ClarifyNote,
    DateOnly? FixedOn,
    string? FixNote,
    DateOnly? FollowedUpOn,
    string? FollowUpNote,
    DateTimeOffset? ClosedAt,
    FollowUpClosure? Closure,
    DropReason? DropReason,
    int Version)
{
    public DateOnly? DoneOn(FollowUpStep step) => step switch { FollowUpStep.Clarify => ClarifiedOn, FollowUpStep.Fix => FixedOn, _ => FollowedUpOn };

    public string? NoteOf(FollowUpStep step) => step switch { FollowUpStep.Clarify => ClarifyNote, FollowUpStep.Fix => FixNote, _ => FollowUpNote };

    /// <summary>What a person may edit, as stored, for <see cref="FollowUpEditRules"/>.</summary>
    public FollowUpEdit Edit => new([.. FollowUpStepStyle.All.Select(s => new StepState(DoneOn(s.Step), NoteOf(s.Step)))], DueOn, OwnerId);
}
