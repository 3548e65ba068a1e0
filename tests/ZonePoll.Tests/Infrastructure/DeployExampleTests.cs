using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// The app with the deploy example's settings file (<c>deploy/appsettings.Production.example.json</c>), as the README
/// tells an operator to run it: behind a reverse proxy on the same machine, which every request comes from. Only the
/// database is the test's own. A test server has no TCP peer, so each request arrives from 127.0.0.1 unless
/// <c>X-Test-Peer</c> names another address.
/// </summary>
public sealed class DeployExampleFactory : ZonePollFactory
{
    public static string ExampleFile => Path.Combine(Repository.Root(), "deploy", "appsettings.Production.example.json");

    private static IConfiguration Example => new ConfigurationBuilder().AddJsonFile(ExampleFile).Build();

    protected override int SignInPerMinute => Example.GetValue<int>("RateLimits:SignInPerMinute");

    public static string PublicHost => new Uri(Example["App:PublicUrl"]!).Host;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(configuration =>
        {
            configuration.AddJsonFile(ExampleFile);
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ZonePoll"] = ConnectionString,
                [DatabaseSetup.ProviderKey] = Provider.ToString(),
            });
        });
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());
    }

    /// <summary>A client the proxy forwards for <paramref name="clientAddress"/>, which reached it over HTTPS.</summary>
    public HttpClient CreateForwardedClient(string clientAddress)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{PublicHost}/") });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("Accept", "text/html");
        return client;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var peer = context.Request.Headers["X-Test-Peer"].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.Length > 0 ? peer : "127.0.0.1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public class DeployExampleTests(DeployExampleFactory factory) : IClassFixture<DeployExampleFactory>
{
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        return await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    [Fact]
    public async Task BehindTheExamplesProxyTheSignInCookieIsSecure()
    {
        var userId = await factory.CreateUserAsync("Petra Proxy");
        var email = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == userId).Email!));

        using var response = await SignInAsync(factory.CreateForwardedClient("203.0.113.20"), email, "correct horse battery");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task BehindTheExamplesProxyTheSignInRedirectUsesHttps(string proxy)
    {
        var client = factory.CreateForwardedClient("203.0.113.21");
        client.DefaultRequestHeaders.Add("X-Test-Peer", proxy);

        using var response = await client.GetAsync("/teams/1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"https://{DeployExampleFactory.PublicHost}/Identity/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTheExamplesProxyEachClientAddressHasItsOwnSignInLimit()
    {
        var perMinute = new ConfigurationBuilder().AddJsonFile(DeployExampleFactory.ExampleFile).Build().GetValue<int>("RateLimits:SignInPerMinute");
        var first = factory.CreateForwardedClient("203.0.113.30");
        var page = await first.GetDocumentAsync("/Identity/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= perMinute; i++)
        {
            using var attempt = await first.SubmitAsync(page.Form(), new Dictionary<string, string?>
            {
                ["Input.Email"] = "nobody@example.com",
                ["Input.Password"] = "whatever pass",
            });
            statuses.Add(attempt.StatusCode);
        }

        using var other = await SignInAsync(factory.CreateForwardedClient("203.0.113.31"), "nobody@example.com", "whatever pass");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, perMinute), HttpStatusCode.TooManyRequests], statuses);
        // Another person behind the same proxy is not throttled for the first one's attempts.
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
