using ZonePoll.Web.Data;

namespace ZonePoll.Web.Teams;

/// <summary>
/// Resolves the caller's membership for routes with a <see cref="MembershipRuleAttribute"/>: a non-member gets 404
/// (whether or not the thing exists), a member in the wrong role 403. Handlers read the result with
/// <see cref="MembershipContext.Meeting"/> or <see cref="MembershipContext.Team"/> and never check again.
/// </summary>
public static class MembershipMiddleware
{
    /// <summary>
    /// The membership lookups; on a SQLite file (<see cref="SqliteFile"/>, registered by
    /// <see cref="DatabaseSetup.AddZonePollData"/>, which must come first) the meeting lookup runs on kept-open
    /// connections with its statement prepared (<see cref="SqliteMeetingAccess"/>).
    /// </summary>
    public static IServiceCollection AddZonePollMembership(this IServiceCollection services)
    {
        services.AddScoped<TeamAccess>();
        if (services.LastOrDefault(d => d.ServiceType == typeof(SqliteFile))?.ImplementationInstance is SqliteFile file)
        {
            // Made by the container, so the container closes its connections when the app stops.
            services.AddSingleton(_ => new SqliteMeetingAccess(file.ConnectionString));
        }

        return services;
    }

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

            // An archived team is read-only for everyone: no page, endpoint or handler writes to it, whichever it is.
            if (status == StatusCodes.Status200OK && IsWrite(context.Request.Method) && context.TeamArchived()
                && context.GetEndpoint()?.Metadata.GetMetadata<WritesToArchivedTeamsAttribute>() is null)
            {
                status = StatusCodes.Status409Conflict;
            }

            if (status != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context);
        });

    private static bool IsWrite(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
}
