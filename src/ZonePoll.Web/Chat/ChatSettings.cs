namespace ZonePoll.Web.Chat;

/// <summary>The <c>Chat</c> section of the settings.</summary>
public sealed class ChatSettings
{
    public const string Section = "Chat";

    /// <summary>
    /// Lets a webhook point at this machine or its private network. For tests and development against a local listener
    /// only: the app refuses to start in Production with it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Lets a webhook be plain http, for the same local listeners; refused in Production like the above.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Attempts before a post is marked failed and shown to the team's managers.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to six hours.</summary>
    public double RetrySeconds { get; set; } = 30;

    /// <summary>How often an idle sender looks for posts queued by another instance.</summary>
    public int PollMilliseconds { get; set; } = 5000;

    /// <summary>Posts claimed at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>The longest one post (connect, send, read the answer) may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>A claim's lease covers the whole batch at the slowest pace.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(TimeoutSeconds * (BatchSize + 2));

    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromHours(6).TotalSeconds));
}
