using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ZonePoll.Bench;

/// <summary>
/// Save → projector: the app runs as its own Release process (or several, on PostgreSQL with Redis); a manager's hub
/// connection plays the projector while every rep (each with a hub connection of its own) saves, round after round:
/// all at once (a burst), or spread evenly over some seconds as a room saves. With several instances the reps are
/// dealt out among them and the projector sits on the last, so every save crosses the backplane. A save's latency
/// runs from just before its POST until the projector holds a snapshot that shows it.
/// </summary>
internal static partial class LoadBench
{
    /// <summary>
    /// The room: its reps, rounds and pace, the apps and their servers, and the manager's meeting pages open beside the
    /// projector (<c>Dashboards</c>), each refreshing as dashboard.js does, or at every message as it did before it
    /// spaced its refreshes (<c>DashboardsAsap</c>).
    /// </summary>
    public sealed record Options(
        int Reps, int Rounds, int Warmups, int Port, double SpreadSeconds, int Instances, string? Postgres, string? Redis, int Dashboards = 0,
        bool DashboardsAsap = false);

    public static async Task RunAsync(string appDll, Options options)
    {
        if (!BenchApp.Exists(appDll))
        {
            return;
        }

        if (options.Instances > 1 && (options.Postgres is null || options.Redis is null))
        {
            Console.WriteLine("load: several instances need one database and one backplane: --postgres \"Host=...;Username=...\" --redis host:port");
            return;
        }

        using var database = new BenchDatabase(options.Postgres);
        var team = await database.SeedAsync(options.Reps, filledReps: 0);
        var settings = new Dictionary<string, string>(database.AppSettings);
        if (options.Redis is not null)
        {
            settings["SignalR__Redis"] = options.Redis;
        }

        var urls = Enumerable.Range(0, options.Instances).Select(i => new Uri($"http://127.0.0.1:{options.Port + i}")).ToList();
        var apps = new List<Process>();
        try
        {
            foreach (var url in urls)
            {
                apps.Add(BenchApp.Start(appDll, url, settings));
                await BenchApp.WaitForHealthAsync(url);
            }

            var backplane = options.Redis is null ? "" : ", Redis backplane";
            var pace = options.SpreadSeconds > 0 ? $"saves spread over {options.SpreadSeconds} s" : "all saves at once";
            Console.WriteLine($"load: {(database.OnPostgres ? "PostgreSQL" : "SQLite")}, {urls.Count} instance(s){backplane}, {pace}");
            await RunRoundsAsync(urls, team, options, apps);
        }
        finally
        {
            foreach (var app in apps)
            {
                if (!app.HasExited)
                {
                    app.Refresh();
                    Console.WriteLine($"load: app process {app.Id}: peak working set {app.PeakWorkingSet64 / (1024 * 1024)} MiB");
                }

                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
                app.Dispose();
            }
        }
    }

    private sealed class Member : IAsyncDisposable
    {
        public Member(string email, string name, Uri baseUrl)
        {
            (Email, Name) = (email, name);
            // One cookie jar for the HTTP client and the hub connection.
            Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        }

        public CookieContainer Cookies { get; } = new();
        public HttpClient Http { get; }
        public string Email { get; }
        public string Name { get; }
        public HubConnection? Hub { get; set; }
        public int ExpectedTotal { get; set; }
        public long SavedAt { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Hub is not null)
            {
                await Hub.DisposeAsync();
            }

            Http.Dispose();
        }
    }

    private static async Task RunRoundsAsync(List<Uri> urls, BenchTeam team, Options options, List<Process> apps)
    {
        var manager = new Member(team.ManagerEmail, "Bench Manager", urls[^1]);
        var reps = team.Reps.Select((r, i) => new Member(r.Email, r.Name, urls[i % urls.Count])).ToList();
        var signInTimer = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(Environment.ProcessorCount * 2))
        {
            await Task.WhenAll(reps.Append(manager).Select(async m =>
            {
                await gate.WaitAsync();
                try
                {
                    await SignInAsync(m);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine($"load: {reps.Count} reps and a manager signed in ({signInTimer.Elapsed.TotalSeconds:F1} s)");

        var latencies = new ConcurrentBag<double>();
        var pending = new ConcurrentDictionary<string, Member>();
        var snapshots = 0;
        manager.Hub = Connect(manager);
        manager.Hub.On<JsonElement>("tally", snapshot =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref snapshots);
            foreach (var row in snapshot.GetProperty("reps").EnumerateArray())
            {
                var name = row.GetProperty("name").GetString()!;
                if (pending.TryGetValue(name, out var rep) && row.GetProperty("total").GetInt32() == rep.ExpectedTotal && pending.TryRemove(name, out _))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(rep.SavedAt, now).TotalMilliseconds);
                }
            }
        });
        var finished = false;
        manager.Hub.Closed += async error =>
        {
            Console.WriteLine($"load: the projector's connection closed: {error?.Message ?? "no error"}");
            // As the projector page does: connect again and join, so the rounds after a drop still count. Saves made
            // meanwhile are seen in the first snapshot after the join.
            for (var attempt = 1; !Volatile.Read(ref finished) && attempt <= 10; attempt++)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                    await manager.Hub.StartAsync();
                    await manager.Hub.InvokeAsync("Join", team.MeetingId);
                    Console.WriteLine($"load: the projector connected again (attempt {attempt})");
                    return;
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or HubException or IOException)
                {
                    Console.WriteLine($"load: the projector could not connect again: {exception.Message}");
                }
            }
        };
        await manager.Hub.StartAsync();
        await manager.Hub.InvokeAsync("Join", team.MeetingId);
        await Task.WhenAll(reps.Select(async rep =>
        {
            // No handler: a browser on another machine would parse these, not this load generator's two cores.
            rep.Hub = Connect(rep);
            await rep.Hub.StartAsync();
            await rep.Hub.InvokeAsync("Join", team.MeetingId);
        }));
        Console.WriteLine($"load: {reps.Count + 1} hub connections open (WebSockets)");
        var dashboards = new List<Dashboard>();
        for (var i = 0; i < options.Dashboards; i++)
        {
            var dashboard = new Dashboard(manager, team.MeetingId, options.DashboardsAsap);
            await dashboard.StartAsync();
            dashboards.Add(dashboard);
        }

        var saveTimes = new ConcurrentBag<double>();
        List<double> pageLoads = [];
        var measured = Stopwatch.StartNew();
        var generatorCpu = TimeSpan.Zero;
        var appCpu = TimeSpan.Zero;
        var pagesCpu = TimeSpan.Zero;
        for (var round = -options.Warmups; round < options.Rounds; round++)
        {
            if (round == 0)
            {
                measured.Restart();
                generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
                appCpu = AppsCpu(apps);
            }

            // Negative rounds warm the JIT (tiered compilation) and create the customers; they are not counted.
            // Distinct totals per round, so a snapshot shows which save it already holds.
            var count = 10 - (((round % 5) + 5) % 5);
            var pagesTimer = Stopwatch.StartNew();
            var pagesStarted = AppsCpu(apps);
            Phase("pages");
            var forms = await Task.WhenAll(reps.Select(rep => LoadWorksheetAsync(rep, team.MeetingId)));
            Phase("pages-done");
            pageLoads.Add(pagesTimer.Elapsed.TotalMilliseconds);
            if (round >= 0)
            {
                pagesCpu += AppsCpu(apps) - pagesStarted;
            }

            var before = snapshots;
            var roundTimer = Stopwatch.StartNew();
            await Task.WhenAll(reps.Select(async (rep, i) =>
            {
                if (options.SpreadSeconds > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.SpreadSeconds * i / reps.Count));
                }

                rep.ExpectedTotal = count;
                rep.SavedAt = Stopwatch.GetTimestamp();
                pending[rep.Name] = rep;
                var saved = Stopwatch.GetTimestamp();
                await SaveAsync(rep, team.MeetingId, forms[i], count, round);
                saveTimes.Add(Stopwatch.GetElapsedTime(saved).TotalMilliseconds);
            }));
            Phase("saves-done");
            var deadline = Stopwatch.StartNew();
            while (!pending.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(5);
            }

            Phase("seen");

            var label = round < 0 ? "warm-up" : (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"load: round {label}: {reps.Count} saves in {roundTimer.Elapsed.TotalMilliseconds:F0} ms, "
                + $"{snapshots - before} snapshots sent, {pending.Count} not seen");
            pending.Clear();
            if (round < 0)
            {
                latencies.Clear();
                saveTimes.Clear();
            }
        }

        var wall = measured.Elapsed;
        var generator = Process.GetCurrentProcess().TotalProcessorTime - generatorCpu;
        var app = AppsCpu(apps) - appCpu;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"load: CPU over the {options.Rounds} measured rounds ({wall.TotalSeconds:F1} s, {Environment.ProcessorCount} cores): "
            + $"load generator {generator.TotalSeconds:F1} s ({generator / wall:P0} of one core), app {app.TotalSeconds:F1} s ({app / wall:P0})"));
        var saves = reps.Count * options.Rounds;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"load: app CPU per worksheet page {pagesCpu.TotalMilliseconds / saves:F2} ms, "
            + $"per save (request, write, snapshots, sends) {(app - pagesCpu).TotalMilliseconds / saves:F2} ms"));
        Console.WriteLine($"load: every rep opening their worksheet at once, before each round (incl. warm-up): {Stats.Describe(pageLoads)}");
        Console.WriteLine($"load: save request alone: {Stats.Describe([.. saveTimes])}");
        Console.WriteLine($"load: save -> projector has it: {Stats.Describe([.. latencies])}");
        Volatile.Write(ref finished, true);
        foreach (var dashboard in dashboards)
        {
            Console.WriteLine($"load: a dashboard's refreshes over the whole run ({dashboard.Refreshes.Count}, {dashboard.Failures} failed): "
                + $"{Stats.Describe([.. dashboard.Refreshes])}, {dashboard.Bytes / Math.Max(1, dashboard.Refreshes.Count) / 1024} KB each");
            await dashboard.DisposeAsync();
        }

        foreach (var member in reps.Append(manager))
        {
            await member.DisposeAsync();
        }
    }

    /// <summary>
    /// The manager's meeting page (dashboard.js): at a "tally" message it fetches the page again, one fetch at a time
    /// and one more after it when a message came meanwhile, and (unless asap) starts the next no sooner than
    /// <see cref="Spacing"/> of the last one's download after the last one started; a failed fetch is tried again
    /// then. Keep it in step with dashboard.js.
    /// </summary>
    private sealed class Dashboard(Member manager, int meetingId, bool asap) : IAsyncDisposable
    {
        private const int Idle = 0, Fetching = 1, FetchAgain = 2;
        private readonly HubConnection _hub = Connect(manager);
        private readonly CancellationTokenSource _stop = new();
        private int _state;
        private Task _running = Task.CompletedTask;

        public ConcurrentBag<double> Refreshes { get; } = [];

        public long Bytes;

        public int Failures;

        public static TimeSpan Spacing(TimeSpan last) => TimeSpan.FromTicks(Math.Clamp(last.Ticks * 4, TimeSpan.TicksPerSecond, 5 * TimeSpan.TicksPerSecond));

        public async Task StartAsync()
        {
            _hub.On<JsonElement>("tally", snapshot => Changed());
            _hub.Closed += error =>
            {
                Console.WriteLine($"load: a dashboard's connection closed: {error?.Message ?? "no error"}");
                return Task.CompletedTask;
            };
            await _hub.StartAsync();
            await _hub.InvokeAsync("Join", meetingId);
        }

        // Lock-free, as the page is single-threaded: a message either starts the loop or marks it to go round again.
        private void Changed()
        {
            while (true)
            {
                switch (Volatile.Read(ref _state))
                {
                    case Idle when Interlocked.CompareExchange(ref _state, Fetching, Idle) == Idle:
                        _running = Task.Run(FetchAsync);
                        return;
                    case Fetching when Interlocked.CompareExchange(ref _state, FetchAgain, Fetching) == Fetching:
                    case FetchAgain:
                        return;
                }
            }
        }

        private async Task FetchAsync()
        {
            do
            {
                // This fetch brings every message so far.
                Volatile.Write(ref _state, Fetching);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var page = await manager.Http.GetByteArrayAsync($"/meetings/{meetingId}", _stop.Token);
                    Refreshes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Add(ref Bytes, page.Length);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref Failures);
                    Interlocked.CompareExchange(ref _state, FetchAgain, Fetching);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                var took = Stopwatch.GetElapsedTime(started);
                if (!asap && Spacing(took) - took is { Ticks: > 0 } rest)
                {
                    try
                    {
                        await Task.Delay(rest, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
            while (Interlocked.CompareExchange(ref _state, Idle, Fetching) != Fetching);
        }

        public async ValueTask DisposeAsync()
        {
            // No message after this starts a fetch.
            await _hub.DisposeAsync();
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
        }
    }

    private static void Phase(string name)
    {
        if (Environment.GetEnvironmentVariable("ZONEPOLL_BENCH_PHASES") is { } file)
        {
            File.AppendAllText(file, $"{name} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F6}\n");
        }
    }

    private static TimeSpan AppsCpu(List<Process> apps) =>
        apps.Aggregate(TimeSpan.Zero, (total, app) => total + app.TotalProcessorTime);

    private static HubConnection Connect(Member member) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(member.Http.BaseAddress!, "/hubs/tally"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = member.Cookies;
            })
            .Build();

    private static Task SignInAsync(Member member) => BenchApp.SignInAsync(member.Http, member.Email);

    private static async Task<(string Token, string Version)> LoadWorksheetAsync(Member rep, int meetingId)
    {
        var page = await rep.Http.GetStringAsync($"/meetings/{meetingId}/worksheet");
        return (Token(page), VersionPattern().Match(page).Groups[1].Value);
    }

    private static async Task SaveAsync(Member rep, int meetingId, (string Token, string Version) form, int count, int round)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", form.Token), new("Version", form.Version) };
        for (var i = 0; i < count; i++)
        {
            fields.Add(new($"Rows[{i}].Name", $"{rep.Name} customer {i}"));
            fields.Add(new($"Rows[{i}].Zone", ((i + round) % 3) switch { 0 => "Recovery", 1 => "Expectations", _ => "Surprises" }));
            fields.Add(new($"Rows[{i}].AccountType", "Standard"));
            fields.Add(new($"Rows[{i}].Note", ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await rep.Http.PostAsync($"/meetings/{meetingId}/worksheet", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Save of {rep.Name} answered {(int)response.StatusCode}.");
        }
    }

    private static string Token(string html) => BenchApp.Token(html);

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
