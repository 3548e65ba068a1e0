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
/// Resolves the caller's membership for routes with a <see cref="MembershipRuleAttribute"/>: a non-member gets 404
/// (whether or not the thing exists), a member in the wrong role 403. Handlers read the result with
/// <see cref="MembershipContext.Meeting"/> or <see cref="MembershipContext.Team"/> and never check again.
/// </summary>
public static class MembershipMiddleware
{
    public static IApplicationBuilder UseZonePollMembership(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var rule = context.GetEndpoint()?.Metadata.GetMetadata<MembershipRuleAttribute>();
            if (rule is null || context.User.Identity?.IsAuthenticated != true)
            {
                // Signed-out callers were already answered by the fallback policy on every route with a rule.
                await next(context);
                return;
            }

            var access = context.RequestServices.GetRequiredService<TeamAccess>();
            TeamRole? role = null;
            if (int.TryParse(context.GetRouteValue(rule.RouteValue) as string, out var id))
            {
                if (rule is ForMeetingMembersAttribute)
                {
                    var meeting = await access.ForMeetingAsync(id, context.User, context.RequestAborted);
                    context.Features.Set(meeting);
                    role = meeting?.Role;
                }
                else if (rule is ForFollowUpMembersAttribute)
                {
                    var followUp = await access.ForFollowUpAsync(id, context.User, context.RequestAborted);
                    context.Features.Set(followUp);
                    role = followUp?.Role;
                }
                else
                {
                    var team = await access.ForTeamAsync(id, context.User, context.RequestAborted);
                    context.Features.Set(team);
                    role = team?.Role;
                }
            }

            var status = rule.StatusFor(role);
            if (status == StatusCodes.Status403Forbidden && role == TeamRole.Rep
                && context.GetEndpoint()?.Metadata.GetMetadata<RepsWhenAttribute>() is { } gate
                && context.Features.Get<MeetingAccessResult>() is { } checkedMeeting
                && await gate.AllowsAsync(context, checkedMeeting, context.RequestAborted))
            {
                status = StatusCodes.Status200OK;
            }

            if (status != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context);
        });
}

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
}
