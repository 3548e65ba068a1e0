using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZonePoll.Bench;

/// <summary>
/// tally.json under wrk, against a bare Kestrel endpoint serving the same bytes, in the same run: the ratio is
/// what sign-in, membership check, query, build and serialisation cost per request.
/// </summary>
internal static partial class ThroughputBench
{
    public static async Task RunAsync(string appDll, int reps, int seconds, int port)
    {
        if (!BenchApp.Exists(appDll))
        {
            return;
        }

        using var database = new BenchDatabase();
        var team = await database.SeedAsync(reps, reps);
        var appUrl = new Uri($"http://127.0.0.1:{port}");
        using var app = BenchApp.Start(appDll, database.ConnectionString, appUrl);
        try
        {
            await BenchApp.WaitForHealthAsync(appUrl);
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = appUrl };
            await BenchApp.SignInAsync(client, team.ManagerEmail);
            var tallyPath = $"/meetings/{team.MeetingId}/tally.json";
            var body = await client.GetByteArrayAsync(tallyPath);

            var bareUrl = new Uri($"http://127.0.0.1:{port + 1}");
            var bare = WebApplication.CreateSlimBuilder();
            bare.Logging.ClearProviders();
            bare.WebHost.UseUrls(bareUrl.ToString());
            await using var bareApp = bare.Build();
            bareApp.MapGet("/bare", () => Results.Bytes(body, "application/json"));
            await bareApp.StartAsync();

            var cookie = cookies.GetCookieHeader(appUrl);
            // A deployed app has long finished tiered compilation; measure that, not its first seconds.
            Console.WriteLine("warm-up, not counted:");
            await WrkAsync(new Uri(appUrl, tallyPath), cookie, seconds);
            await WrkAsync(new Uri(bareUrl, "/bare"), null, Math.Min(seconds, 5));
            var bareRate = await WrkAsync(new Uri(bareUrl, "/bare"), null, seconds);
            var tallyRate = await WrkAsync(new Uri(appUrl, tallyPath), cookie, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput: tally.json ({body.Length / 1024.0:F1} KB, {reps} reps) {tallyRate:F0} req/s; "
                + $"bare Kestrel, same bytes, {bareRate:F0} req/s; ratio {tallyRate / bareRate:P1}"));
            await bareApp.StopAsync();
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task<double> WrkAsync(Uri url, string? cookie, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-t2", "-c32", $"-d{seconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (cookie is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"Cookie: {cookie}");
        }

        start.ArgumentList.Add(url.ToString());
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start: apt-get install wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        Console.WriteLine($"wrk {url.AbsolutePath}:");
        Console.WriteLine(output.TrimEnd());
        if (output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("wrk saw error responses: the run does not count.");
        }

        return double.Parse(RatePattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RatePattern();
}
