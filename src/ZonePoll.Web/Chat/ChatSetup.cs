using Microsoft.Extensions.Options;
using ZonePoll.Web.Email;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Chat;

public static class ChatSetup
{
    /// <summary>
    /// Team chat: webhooks kept encrypted, posts queued with the change that causes them and sent by one
    /// <see cref="ChatSender"/> per instance, and the outbox counts the metrics report.
    /// </summary>
    public static IServiceCollection AddZonePollChat(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(ChatSettings.Section);
        var settings = section.Get<ChatSettings>() ?? new();
        if (environment.IsProduction() && (settings.AllowPrivateAddresses || settings.AllowHttp))
        {
            // Fail at start-up: these are for a local test listener, and would let a manager aim the server at its own network.
            throw new InvalidOperationException("Chat:AllowPrivateAddresses and Chat:AllowHttp are for development and tests; turn them off in Production.");
        }

        services.Configure<ChatSettings>(section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChatSettings>>().Value);
        services.AddSingleton<WebhookAddress>();
        services.AddSingleton<ChatPoster>();
        services.AddSingleton<ChatTestLimit>();
        services.AddSingleton<ChatSignal>();
        services.AddSingleton<TeamChat>();
        // A reveal, from the dashboard or a remote, posts through ProjectorSwitches.
        services.AddSingleton<IRevealObserver>(sp => sp.GetRequiredService<TeamChat>());
        services.AddSingleton<IScheduledTeamPosts, ScheduledChatPosts>();
        services.AddHostedService<ChatSender>();
        services.AddHostedService<OutboxGauge>();
        return services;
    }
}
