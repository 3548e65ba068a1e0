using Microsoft.Extensions.Options;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;

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
        services.AddSingleton(sp =>
        {
            var destination = new MailDestination(
                sp.GetRequiredService<IOptions<EmailSettings>>().Value, sp.GetRequiredService<IHostEnvironment>(), sp.GetService<SqliteFile>());
            // Without a public address, links are made from the request's Host header, which the sender of the request
            // chooses: mail that leaves the machine, from our own sender, would carry an attacker's links. Fail at start-up.
            if (destination.PickupFolder is null && string.IsNullOrWhiteSpace(sp.GetRequiredService<IConfiguration>()[PublicUrl.Setting]))
            {
                throw new InvalidOperationException(
                    $"Email:Smtp:Host is set but {PublicUrl.Setting} is not: set it to the address people open ZonePoll on, such as "
                    + "https://zonepoll.example.com, so the links in e-mails cannot be made from a forged Host header.");
            }

            return destination;
        });
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
