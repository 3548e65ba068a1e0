using Microsoft.Data.Sqlite;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Email;

/// <summary>The <c>Email</c> section of the settings.</summary>
public sealed class EmailSettings
{
    public const string Section = "Email";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where messages are written as .eml files when no SMTP host is set; by default beside the database.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>Attempts before a message is marked failed and shown to the team's managers.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to six hours.</summary>
    public double RetrySeconds { get; set; } = 30;

    /// <summary>How often an idle sender looks for messages queued by another instance.</summary>
    public int PollMilliseconds { get; set; } = 5000;

    /// <summary>How often the reminders and digests are looked for; 0 turns them off (the tests tick by hand).</summary>
    public int ScheduleSeconds { get; set; } = 60;

    /// <summary>Messages claimed at a time, sent over one SMTP connection.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>The longest one SMTP command may take; a claim's lease covers the whole batch at this pace.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(TimeoutSeconds * (BatchSize + 2));

    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromHours(6).TotalSeconds));
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS (required when on); off only for a local relay.</summary>
    public bool StartTls { get; set; } = true;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "ZonePoll <zonepoll@localhost>";
}

/// <summary>Where this app's e-mail goes: an SMTP server, or (with none set) a folder of .eml files.</summary>
public sealed class MailDestination
{
    public MailDestination(EmailSettings settings, IHostEnvironment environment, SqliteFile? sqliteFile = null)
    {
        Settings = settings;
        if (!string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            return;
        }

        var databaseFolder = sqliteFile is null
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetDirectoryName(new SqliteConnectionStringBuilder(sqliteFile.ConnectionString).DataSource)!;
        PickupFolder = string.IsNullOrWhiteSpace(settings.PickupFolder)
            ? Path.Combine(databaseFolder, "mail")
            : Path.GetFullPath(settings.PickupFolder, environment.ContentRootPath);
    }

    public EmailSettings Settings { get; }

    /// <summary>The folder e-mails are written to, or null when they go to the SMTP server.</summary>
    public string? PickupFolder { get; }

    /// <summary>For a manager's page: where what was just queued will turn up.</summary>
    public string Describe() => PickupFolder is null
        ? $"They go out through {Settings.Smtp.Host}."
        : $"No SMTP server is set (Email:Smtp:Host), so each e-mail is written as an .eml file to {PickupFolder}.";
}
