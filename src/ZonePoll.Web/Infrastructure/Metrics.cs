using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

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

/// <summary>
/// The app's key figures as a <see cref="Meter"/> named "ZonePoll". Its instruments exist only when metrics are
/// enabled: switched off, each call is a null check.
/// </summary>
public sealed class ZonePollMetrics : IDisposable
{
    public const string MeterName = "ZonePoll";

    private readonly Meter? _meter;
    private readonly Counter<long>? _saves;
    private readonly Counter<long>? _tallyBuilds;
    private readonly Histogram<double>? _tallyBuildSeconds;
    private readonly UpDownCounter<long>? _hubConnections;
    private readonly Counter<long>? _serverErrors;
    private readonly Counter<long>? _outboxQueued;
    private readonly Counter<long>? _outboxSent;
    private readonly Counter<long>? _outboxFailed;
    private IReadOnlyList<OutboxCount> _outbox = [];

    /// <summary>The outbox's rows by kind ("email", "chat") and state, as last counted from the database.</summary>
    public sealed record OutboxCount(string Kind, string State, long Count);

    public ZonePollMetrics(IMeterFactory meters, Microsoft.Extensions.Options.IOptions<MetricsSettings> settings)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        _meter = meters.Create(MeterName);
        _saves = _meter.CreateCounter<long>("zonepoll.worksheet.saves", "{save}", "Worksheets saved.");
        _tallyBuilds = _meter.CreateCounter<long>("zonepoll.tally.builds", "{build}", "Tally snapshots built.");
        _tallyBuildSeconds = _meter.CreateHistogram<double>("zonepoll.tally.build.duration", "s", "How long a tally snapshot took to build.");
        _hubConnections = _meter.CreateUpDownCounter<long>("zonepoll.hub.connections", "{connection}", "Live tally connections open now.");
        _serverErrors = _meter.CreateCounter<long>("zonepoll.http.server_errors", "{response}", "Responses with a 5xx status.");
        _outboxQueued = _meter.CreateCounter<long>("zonepoll.outbox.queued", "{message}", "Messages this instance queued, by kind.");
        _outboxSent = _meter.CreateCounter<long>("zonepoll.outbox.sent", "{message}", "Messages this instance sent, by kind.");
        _outboxFailed = _meter.CreateCounter<long>("zonepoll.outbox.failed_attempts", "{attempt}", "Failed sending attempts on this instance, by kind.");
        _meter.CreateObservableGauge(
            "zonepoll.outbox.messages",
            () => _outbox.Select(c => new Measurement<long>(c.Count, new("kind", c.Kind), new("state", c.State))),
            "{message}",
            "The outbox's messages by kind and state, across every instance, as counted at the last look.");
    }

    public bool Enabled => _meter is not null;

    public void Saved() => _saves?.Add(1);

    public void TallyBuilt(TimeSpan took)
    {
        _tallyBuilds?.Add(1);
        _tallyBuildSeconds?.Record(took.TotalSeconds);
    }

    public void HubConnected() => _hubConnections?.Add(1);

    public void HubDisconnected() => _hubConnections?.Add(-1);

    public void ServerError() => _serverErrors?.Add(1);

    public void Queued(string kind, int count = 1) => _outboxQueued?.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Sent(string kind) => _outboxSent?.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void FailedAttempt(string kind) => _outboxFailed?.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Replaces the counts the <c>zonepoll.outbox.messages</c> gauge reports.</summary>
    public void OutboxCounted(IReadOnlyList<OutboxCount> counts) => _outbox = counts;

    public void Dispose() => _meter?.Dispose();
}

public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>The meter always (its instruments only when enabled); OpenTelemetry's Prometheus exporter only when enabled.</summary>
    public static IServiceCollection AddZonePollMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsSettings>(configuration.GetSection(MetricsSettings.Section));
        services.AddSingleton<ZonePollMetrics>();
        var settings = configuration.GetSection(MetricsSettings.Section).Get<MetricsSettings>() ?? new();
        if (settings.Enabled)
        {
            // Fail at start-up on a network that does not parse, not at the first scrape.
            foreach (var network in settings.AllowedNetworks)
            {
                if (!IPNetwork.TryParse(network, out _))
                {
                    throw new InvalidOperationException($"Metrics:AllowedNetworks holds '{network}', which is not a network such as 10.0.0.0/8.");
                }
            }

            // No cached answer: a scrape comes every few seconds at most, and should show what was just counted.
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ZonePollMetrics.MeterName)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        return services;
    }

    /// <summary>Counts 5xx responses, thrown ones included; outermost, so it sees what the error page answers.</summary>
    public static IApplicationBuilder UseZonePollMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ZonePollMetrics>();
        if (!metrics.Enabled)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch
            {
                metrics.ServerError();
                throw;
            }

            if (context.Response.StatusCode >= 500)
            {
                metrics.ServerError();
            }
        });
        return app;
    }

    /// <summary>/metrics, when enabled, for whom <see cref="MetricsSettings"/> lets in; otherwise the path does not exist.</summary>
    public static void MapZonePollMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsSettings>>().Value;
        if (!settings.Enabled)
        {
            return;
        }

        var networks = settings.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToList();
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().Add(endpoint =>
        {
            var scrape = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context => Refusal(context, settings.Token, networks) is { } status
                ? Refuse(context, status)
                : scrape(context);
        });
    }

    /// <summary>Null when the caller may scrape; otherwise the status to answer.</summary>
    public static int? Refusal(HttpContext context, string? token, IReadOnlyList<IPNetwork> networks)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        if (networks.Count > 0 && (remote is null || !networks.Any(n => n.Contains(remote))))
        {
            return StatusCodes.Status403Forbidden;
        }

        if (!string.IsNullOrEmpty(token))
        {
            var sent = context.Request.Headers.Authorization.ToString();
            var expected = "Bearer " + token;
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected))
                ? null
                : StatusCodes.Status401Unauthorized;
        }

        // Neither set: this machine only (a Prometheus beside the app, or an SSH tunnel). A missing address is the
        // in-process test server, which is this machine too.
        return networks.Count > 0 || remote is null || IPAddress.IsLoopback(remote) ? null : StatusCodes.Status403Forbidden;
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Task.CompletedTask;
    }
}
