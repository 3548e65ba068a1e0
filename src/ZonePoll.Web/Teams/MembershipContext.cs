namespace ZonePoll.Web.Teams;

public static class MembershipContext
{
    /// <summary>The caller's meeting, resolved by <see cref="MembershipMiddleware"/> for a route marked <see cref="ForMeetingMembersAttribute"/>.</summary>
    public static MeetingAccessResult Meeting(this HttpContext context) =>
        context.Features.Get<MeetingAccessResult>() ?? throw new InvalidOperationException("This route has no [ForMeetingMembers] rule.");

    /// <summary>The caller's follow-up, resolved by <see cref="MembershipMiddleware"/> for a route marked <see cref="ForFollowUpMembersAttribute"/>.</summary>
    public static FollowUpAccessResult FollowUp(this HttpContext context) =>
        context.Features.Get<FollowUpAccessResult>() ?? throw new InvalidOperationException("This route has no [ForFollowUpMembers] rule.");

    /// <summary>The caller's team, resolved by <see cref="MembershipMiddleware"/> for a route marked <see cref="ForTeamMembersAttribute"/>.</summary>
    public static TeamAccessResult Team(this HttpContext context) =>
        context.Features.Get<TeamAccessResult>() ?? throw new InvalidOperationException("This route has no [ForTeamMembers] rule.");

    /// <summary>
    /// Whether the team the route's rule resolved (through its meeting, follow-up or itself) is archived: read-only for
    /// everyone, which the middleware holds for every write; pages read it to say so and hide what cannot be used.
    /// </summary>
    public static bool TeamArchived(this HttpContext context) =>
        context.Features.Get<MeetingAccessResult>()?.TeamArchived
        ?? context.Features.Get<TeamAccessResult>()?.TeamArchived
        ?? context.Features.Get<FollowUpAccessResult>()?.TeamArchived
        ?? false;
}
