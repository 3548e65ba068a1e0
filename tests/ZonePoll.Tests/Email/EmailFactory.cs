using Microsoft.AspNetCore.Hosting;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Email;

/// <summary>
/// The app with its mail going to <paramref name="smtp"/> (with none, to the pickup folder; with
/// <paramref name="unreachablePort"/>, to a port where nothing listens), links made on <see cref="PublicUrl"/>.
/// </summary>
public sealed class EmailFactory(
    SmtpTestServer? smtp, string folder, bool keepFiles, DatabaseProvider provider, int maxAttempts = 8, int batchSize = 20, int? unreachablePort = null)
    : ZonePollFactory(folder, keepFiles, provider)
{
    public const string PublicUrl = "https://zonepoll.test";

    public EmailFactory(SmtpTestServer smtp)
        : this(smtp, NewFolder(), keepFiles: false, TestDatabases.DefaultProvider)
    {
    }

    /// <summary>The folder .eml files go to when <c>smtp</c> is null.</summary>
    public string MailFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:PublicUrl", PublicUrl);
        builder.UseSetting("Email:Smtp:Host", smtp is null && unreachablePort is null ? "" : "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", (unreachablePort ?? smtp?.Port ?? 25).ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:StartTls", "false");
        builder.UseSetting("Email:Smtp:From", "ZonePoll <zonepoll@zonepoll.test>");
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            // No database file to sit beside: the default would be the project folder's App_Data.
            builder.UseSetting("Email:PickupFolder", MailFolder);
        }

        builder.UseSetting("Email:PollMilliseconds", "100");
        // The scheduled e-mails run when a test ticks them, at the instant it names.
        builder.UseSetting("Email:ScheduleSeconds", "0");
        builder.UseSetting("Email:RetrySeconds", "0");
        builder.UseSetting("Email:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:TimeoutSeconds", "10");
    }
}
