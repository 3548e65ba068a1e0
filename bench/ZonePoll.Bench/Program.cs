using ZonePoll.Bench;

// Benchmarks for ZonePoll; see bench/README.md. Run with -c Release.
var command = args.FirstOrDefault() ?? "help";
int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

string? Text(string name)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

switch (command)
{
    case "tally":
        await TallyBench.RunAsync(Option("reps", 500), Option("iterations", 200), Text("postgres"));
        break;
    case "trend":
        await TrendBench.RunAsync(Option("reps", 200), Option("meetings", 24), Option("iterations", 100));
        break;
    case "handout":
        await HandoutBench.RunAsync(Option("reps", 50), Option("iterations", 50), Option("actions", 0), Text("save"));
        break;
    case "throughput":
        await ThroughputBench.RunAsync(
            Text("app") ?? BenchApp.Published, Option("reps", 50), Option("seconds", 10), Option("port", 5199));
        break;
    case "email":
        await EmailBench.RunAsync(Option("messages", 2000), Option("senders", 1), Option("batch", 20), Text("postgres"));
        break;
    case "load":
        await LoadBench.RunAsync(
            Text("app") ?? BenchApp.Published,
            new LoadBench.Options(
                Option("reps", 100),
                Option("rounds", 10),
                Option("warmups", 3),
                Option("port", 5199),
                Option("spread", 0),
                Option("instances", 1),
                Text("postgres"),
                Text("redis"),
                Option("dashboards", 0),
                args.Contains("--dashboards-asap")));
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/ZonePoll.Bench -- tally [--reps 500] [--iterations 200]");
        Console.WriteLine("       dotnet run -c Release --project bench/ZonePoll.Bench -- trend [--reps 200] [--meetings 24] [--iterations 100]");
        Console.WriteLine("       dotnet run -c Release --project bench/ZonePoll.Bench -- handout [--reps 50] [--iterations 50] [--actions 0]");
        Console.WriteLine("                                                              [--save handout.pdf]");
        Console.WriteLine("       dotnet run -c Release --project bench/ZonePoll.Bench -- throughput [--reps 50] [--seconds 10]");
        Console.WriteLine("                                                              (needs wrk: apt-get install wrk)");
        Console.WriteLine("       dotnet run -c Release --project bench/ZonePoll.Bench -- email [--messages 2000] [--senders 1] [--batch 20]");
        Console.WriteLine("                                                              [--postgres \"Host=...;Username=...\"]");
        Console.WriteLine("       dotnet run -c Release --project bench/ZonePoll.Bench -- load [--reps 100] [--rounds 10] [--warmups 3] [--spread SECONDS]");
        Console.WriteLine("                                                              [--app path/to/ZonePoll.Web.dll] [--port 5199]");
        Console.WriteLine("                                                              [--postgres \"Host=...;Username=...\"]");
        Console.WriteLine("                                                              [--instances 2 --redis host:port]");
        Console.WriteLine("                                                              [--dashboards N [--dashboards-asap]] (meeting pages open)");
        break;
}
