using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

namespace ZonePoll.Web.Infrastructure;

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
