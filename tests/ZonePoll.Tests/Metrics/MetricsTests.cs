using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Metrics;

/// <summary>Issue 24 item 6: the app's figures for Prometheus at /metrics, only when Metrics:Enabled, only for the token's holder.</summary>
public sealed partial class MetricsTests
{
    private const string Token = "scrape-token-for-tests";

    private sealed class MetricsFactory(string? token) : ZonePollFactory(NewFolder(), keepFiles: false, TestDatabases.DefaultProvider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Metrics:Enabled", "true");
            builder.UseSetting("Metrics:Token", token ?? "");
            builder.UseSetting("Metrics:OutboxCountSeconds", "1");
        }
    }

    [Fact]
    public async Task WithMetricsOffThereIsNoMetricsPage()
    {
        await using var factory = new ZonePollFactory();
        var team = await factory.CreateTeamAsync();

        using var manager = await factory.CreateClientFor(team.ManagerId).GetAsync("/metrics");
        using var anonymous = await factory.CreateAnonymousClient().GetAsync("/metrics");
        using var anonymousElsewhere = await factory.CreateAnonymousClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, manager.StatusCode);
        // Signed out, the app asks for a sign-in before it says whether any path exists: the same as for a path it never had.
        Assert.Equal(anonymousElsewhere.StatusCode, anonymous.StatusCode);
        Assert.DoesNotContain("zonepoll_", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithATokenSetAScrapeWithoutItOrWithAnotherIsRefused()
    {
        await using var factory = new MetricsFactory(Token);
        var client = factory.CreateAnonymousClient();

        using var none = await client.GetAsync("/metrics");
        using var wrong = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") },
        });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("zonepoll_", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASaveAndATallyBuildMoveTheirCountersAndTheOutboxIsCountedByKindAndState()
    {
        await using var factory = new MetricsFactory(Token);
        var team = await factory.CreateTeamAsync();
        var before = await ScrapeAsync(factory);

        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null));
        using (await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/tally.json"))
        {
        }

        var after = await ScrapeAsync(factory);
        Assert.Equal(Value(before, "zonepoll_worksheet_saves_total") + 1, Value(after, "zonepoll_worksheet_saves_total"));
        Assert.True(Value(after, "zonepoll_tally_builds_total") > Value(before, "zonepoll_tally_builds_total"), after);
        Assert.True(Value(after, "zonepoll_tally_build_duration_seconds_count") >= 1, after);
        for (var i = 0; i < 600 && !after.Contains("zonepoll_outbox_messages{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            after = await ScrapeAsync(factory);
        }

        Assert.Matches(OutboxLine(), after);
    }

    private static async Task<string> ScrapeAsync(ZonePollFactory factory)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        using var response = await factory.CreateAnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's series (0 when it has none yet).</summary>
    private static double Value(string scrape, string name) =>
        scrape.Split('\n')
            .Select(line => SeriesLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)( \d+)?$")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"zonepoll_outbox_messages\{[^}]*kind=""chat""[^}]*state=""sent""[^}]*\} 0")]
    private static partial Regex OutboxLine();
}
