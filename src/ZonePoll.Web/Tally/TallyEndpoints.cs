using System.Text.Json;
using System.Text.Json.Serialization;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

public static class TallyEndpoints
{
    /// <summary>The JSON shape of a snapshot, shared by tally.json and the hub, documented in the README.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter());
    }

    public static IServiceCollection AddZonePollTally(this IServiceCollection services)
    {
        services.AddScoped<TallyQuery>();
        services.AddSingleton<TallyNotifier>();
        services.AddSingleton<TallyConnections>();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        return services;
    }

    public static IEndpointRouteBuilder MapZonePollTally(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/tally.json", GetTallyAsync).WithMetadata(new ForMeetingMembersAttribute());
        app.MapHub<TallyHub>(TallyHub.Path);
        return app;
    }

    private static async Task<IResult> GetTallyAsync(int id, TallyQuery query, HttpContext context, CancellationToken cancellationToken)
    {
        var meeting = context.Meeting();
        if (await query.BuildAsync(id, cancellationToken) is not { } snapshot)
        {
            return Results.NotFound();
        }

        // Always the live numbers: never from a cache.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(meeting.IsManager ? snapshot : snapshot.ForRep());
    }
}
