using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// A test server has no TCP peer: <c>X-Test-Peer</c> plays the address the request arrives from, and 10.0.0.1 is the
/// one proxy the app trusts.
/// </summary>
public sealed class BehindAProxyFactory : ZonePollFactory
{
    protected override int SignInPerMinute => 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.1");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Peer"].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class ProxyTests(BehindAProxyFactory factory) : IClassFixture<BehindAProxyFactory>
{
    /// <summary>Three sign-in attempts from one client, as seen through <paramref name="peer"/>.</summary>
    private async Task<List<HttpStatusCode>> SignInThreeTimesAsync(string peer, string forwardedFor)
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
            {
                ["Input.Email"] = "nobody@example.com",
                ["Input.Password"] = "whatever pass",
            });
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task BehindAKnownProxyEachClientAddressHasItsOwnSignInLimit()
    {
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await SignInThreeTimesAsync("10.0.0.1", "203.0.113.5"));
        // Another client through the same proxy is not throttled for the first one's attempts.
        Assert.Equal(HttpStatusCode.OK, (await SignInThreeTimesAsync("10.0.0.1", "203.0.113.6"))[0]);
    }

    [Fact]
    public async Task AnUnknownSendersForwardedForIsIgnored()
    {
        // Claiming a new address with each attempt does not escape the limit: 10.0.0.2 is not a trusted proxy.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await SignInThreeTimesAsync("10.0.0.2", "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInThreeTimesAsync("10.0.0.2", "198.51.100.2"))[0]);
    }
}
