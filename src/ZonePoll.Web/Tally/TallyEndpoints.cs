using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
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

    public const string RedisKey = "SignalR:Redis";

    /// <summary>
    /// With <c>SignalR:Redis</c> (a Redis connection string) set, hub messages go through Redis, so a projector
    /// connected to any instance gets what any other instance sends.
    /// </summary>
    public static IServiceCollection AddZonePollTally(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TallyQuery>();
        services.AddMemoryCache();
        services.AddSingleton<TallyCache>();
        services.AddSingleton<TallyNotifier>();
        services.AddSingleton<MeetingChanges>();
        services.AddSingleton<ProjectorSwitches>();
        services.AddSingleton<ProjectorState>();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        var signalR = services.AddSignalR().AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        if (configuration[RedisKey] is { Length: > 0 } redis)
        {
            // Its own channels and keys, so one Redis can serve other apps too.
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("ZonePoll"));
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                // Start even while Redis is away; TallyTurns then lets each instance build for itself.
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
        }

        // Without Redis there is no multiplexer, and every turn is this instance's.
        services.AddSingleton(provider => new TallyTurns(provider.GetService<IConnectionMultiplexer>(), provider.GetRequiredService<ILogger<TallyTurns>>()));

        // Roster changes reach every instance's hub connections (through Redis when set); it listens from start-up.
        services.AddSingleton(provider => new TallyConnections(
            provider.GetRequiredService<IHubContext<TallyHub>>(),
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<IConnectionMultiplexer>(),
            provider.GetRequiredService<ILogger<TallyConnections>>()));
        services.AddHostedService(provider => provider.GetRequiredService<TallyConnections>());

        return services;
    }

    public static IEndpointRouteBuilder MapZonePollTally(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/tally.json", GetTallyAsync).WithMetadata(new ForMeetingMembersAttribute());
        app.MapHub<TallyHub>(TallyHub.Path);
        return app;
    }

    private static async Task<IResult> GetTallyAsync(TallyCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        // The membership check already read the meeting's version: a request costs that check, not a build.
        var meeting = context.Meeting();
        if (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken) is not { } tally)
        {
            return Results.NotFound();
        }

        var etag = tally.ETag(meeting.IsManager);
        // Anyone may keep a copy, but must ask again before using it: the version says whether it is still current.
        context.Response.Headers.CacheControl = "private, no-cache";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(meeting.IsManager ? tally.ManagerJson : tally.RepJson, "application/json");
    }
}
