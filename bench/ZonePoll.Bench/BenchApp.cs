using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ZonePoll.Bench;

/// <summary>The app as its own Release process on loopback, and signing in to it through the real login page.</summary>
internal static partial class BenchApp
{
    /// <summary>
    /// The app as deployed: published, not the build output, whose build manifest turns on static assets' development
    /// handler in any environment (a file check on every request's route match, about 4 % of tally.json's CPU).
    /// </summary>
    public const string Published = "src/ZonePoll.Web/bin/Release/net10.0/publish/ZonePoll.Web.dll";

    public static bool Exists(string appDll)
    {
        if (File.Exists(appDll))
        {
            return true;
        }

        Console.WriteLine($"{appDll} not found: dotnet publish -c Release src/ZonePoll.Web first.");
        return false;
    }

    public static Process Start(string appDll, string connectionString, Uri baseUrl) =>
        Start(appDll, baseUrl, new Dictionary<string, string> { ["ConnectionStrings__ZonePoll"] = connectionString });

    private const string AppEnvironmentPrefix = "ZONEPOLL_BENCH_APP_ENV_";

    /// <summary>With <paramref name="settings"/> as environment variables (e.g. the database's and SignalR__Redis).</summary>
    public static Process Start(string appDll, Uri baseUrl, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(appDll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        // Every simulated rep signs in from 127.0.0.1.
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        // The daily reminders and digests would go out to the seeded team in whichever measured minute their hour comes
        // round (perf caught the outbox writing hundreds of them mid-round): a job of its own, not part of a meeting's load.
        start.Environment["Email__ScheduleSeconds"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // ZONEPOLL_BENCH_APP_ENV_X=value sets X for the app alone (e.g. a GC setting), not for the load generator too.
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value ?? "")))
        {
            if (key.StartsWith(AppEnvironmentPrefix, StringComparison.Ordinal))
            {
                start.Environment[key[AppEnvironmentPrefix.Length..]] = value;
            }
        }

        var process = Process.Start(start)!;
        // ZONEPOLL_BENCH_APP_LOG=file keeps what the app logs (warnings and up, unless Logging__LogLevel__... says more).
        var log = Environment.GetEnvironmentVariable("ZONEPOLL_BENCH_APP_LOG") is { Length: > 0 } path ? TextWriter.Synchronized(File.AppendText(path)) : null;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log?.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("app: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForHealthAsync(Uri baseUrl)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The app did not become healthy.");
    }

    public static async Task SignInAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/Identity/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = BenchDatabase.Password,
            ["__RequestVerificationToken"] = Token(page),
        });
        using var response = await client.PostAsync("/Identity/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        }
    }

    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
