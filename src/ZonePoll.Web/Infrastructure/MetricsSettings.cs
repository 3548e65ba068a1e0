namespace ZonePoll.Web.Infrastructure;

/// <summary>The <c>Metrics</c> section of the settings.</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    /// <summary>Off by default: no meter, no /metrics.</summary>
    public bool Enabled { get; set; }

    /// <summary>When set, a scrape must send <c>Authorization: Bearer</c> with it.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Networks (CIDR, such as 10.0.0.0/8) a scrape may come from. With neither this nor a token, only this machine
    /// (loopback) may scrape: the figures name no person, but they do say how busy each team's sender is.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>How often the outboxes are counted for the <c>zonepoll.outbox.messages</c> gauge.</summary>
    public int OutboxCountSeconds { get; set; } = 15;
}
