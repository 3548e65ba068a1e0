using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address: the sign-in rate limit would throttle the
/// whole company as one client. <c>ForwardedHeaders:KnownProxies</c> (addresses, as a list or comma-separated) names
/// the proxies whose X-Forwarded-For and X-Forwarded-Proto are trusted; anyone else's are ignored.
/// </summary>
public static class ProxySetup
{
    public const string Setting = "ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddZonePollProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named here: not even the framework's default of loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    /// <summary>Applies the forwarded headers first of all, when proxies are configured; without any, it stays out of the way.</summary>
    public static IApplicationBuilder UseZonePollProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        KnownProxies(configuration).Count > 0 ? app.UseForwardedHeaders() : app;

    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var values = section.GetChildren().Any()
            ? section.GetChildren().Select(c => c.Value ?? "")
            : (section.Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        return [.. values.Select(v => IPAddress.TryParse(v.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{Setting}: '{v}' is not an IP address. Give each proxy's address, such as 10.0.0.5."))];
    }
}
