using System.Net;
using Microsoft.AspNetCore.Http;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Metrics;

/// <summary>Who may scrape /metrics when it is on: the configured networks, the token's holder, or else this machine only.</summary>
public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", null, null, null)]
    [InlineData("::1", null, null, null)]
    [InlineData("203.0.113.9", null, null, 403)]
    [InlineData("10.1.2.3", "10.0.0.0/8", null, null)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", null, null)]
    [InlineData("192.168.1.1", "10.0.0.0/8", null, 403)]
    [InlineData("203.0.113.9", null, "Bearer s3cret", null)]
    [InlineData("203.0.113.9", null, "Bearer wrong", 401)]
    [InlineData("127.0.0.1", null, "", 401)]
    [InlineData("192.168.1.1", "10.0.0.0/8", "Bearer s3cret", 403)]
    public void AScrapeIsLetInOnlyFromAnAllowedNetworkWithTheTokenWhenOneIsSet(string remote, string? network, string? authorization, int? refused)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var token = authorization is null ? null : "s3cret";
        IReadOnlyList<IPNetwork> networks = network is null ? [] : [IPNetwork.Parse(network)];

        Assert.Equal(refused, MetricsSetup.Refusal(context, token, networks));
    }
}
