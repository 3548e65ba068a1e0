namespace ZonePoll.Web.Teams;

/// <summary>Which members of the team a route is for.</summary>
public enum MemberRole
{
    Any,
    Manager,
    Rep,
}

/// <summary>
/// Endpoint metadata: the route's meeting (<c>{id}</c>) or team (<c>{teamId}</c>) must be one of the caller's, in
/// <see cref="Role"/>. <see cref="MembershipMiddleware"/> applies it once for every page and endpoint that carries it.
/// </summary>
public abstract class MembershipRuleAttribute(MemberRole role) : Attribute
{
    public MemberRole Role { get; } = role;

    /// <summary>The route value holding the id this rule resolves.</summary>
    public abstract string RouteValue { get; }

    /// <summary>200 when <paramref name="role"/> may pass, 403 for another role, 404 for a non-member.</summary>
    public int StatusFor(TeamRole? role) => role switch
    {
        null => StatusCodes.Status404NotFound,
        TeamRole.Manager when Role is MemberRole.Rep => StatusCodes.Status403Forbidden,
        TeamRole.Rep when Role is MemberRole.Manager => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status200OK,
    };
}

/// <summary>For the members of the meeting's team (<c>{id}</c> is the meeting).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ForMeetingMembersAttribute(MemberRole role = MemberRole.Any) : MembershipRuleAttribute(role)
{
    public override string RouteValue => "id";
}

/// <summary>For the members of the team (<c>{teamId}</c>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ForTeamMembersAttribute(MemberRole role = MemberRole.Any) : MembershipRuleAttribute(role)
{
    public override string RouteValue => "teamId";
}

/// <summary>For a follow-up's owner and its team's managers (<c>{followUpId}</c>); another rep finds nothing there.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ForFollowUpMembersAttribute() : MembershipRuleAttribute(MemberRole.Any)
{
    public override string RouteValue => "followUpId";
}

/// <summary>
/// Endpoint metadata beside a manager-only meeting rule: a rep of the meeting's team passes when <see cref="AllowsAsync"/>
/// says the meeting shares the route with reps now (the handout, once revealed and switched on). Everyone else is
/// answered by the rule alone, so a non-member still gets 404 and a rep 403 while it is not shared.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public abstract class RepsWhenAttribute : Attribute
{
    public abstract Task<bool> AllowsAsync(HttpContext context, MeetingAccessResult meeting, CancellationToken cancellationToken);
}

/// <summary>
/// Endpoint metadata: the route writes even to an archived team. Only the switch that restores one carries it; every
/// other write to an archived team is refused by <see cref="MembershipMiddleware"/> (409) before a handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class WritesToArchivedTeamsAttribute : Attribute;
