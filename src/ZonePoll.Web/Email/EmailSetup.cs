using Microsoft.Extensions.Options;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Email;

public static class EmailSetup
{
    /// <summary>
    /// E-mail: the outbox (rows written with the change that causes them), one sender per instance, and where mail
    /// goes: the SMTP server in <c>Email:Smtp</c>, or with no host set a folder of .eml files beside the database.
    /// </summary>
    public static IServiceCollection AddZonePollEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailSettings>(configuration.GetSection(EmailSettings.Section));
        services.AddSingleton(sp => new MailDestination(
            sp.GetRequiredService<IOptions<EmailSettings>>().Value, sp.GetRequiredService<IHostEnvironment>(), sp.GetService<SqliteFile>()));
        services.AddSingleton<MailDrop>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<MeetingOpenedEmails>();
        services.AddSingleton<InvitationEmails>();
        services.AddHostedService<OutboxSender>();
        services.AddSingleton<ScheduledLinks>();
        services.AddSingleton<ScheduledEmails>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledEmails>());
        return services;
    }
}
