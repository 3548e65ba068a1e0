using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;

namespace ZonePoll.Bench;

/// <summary>
/// The outbox's sending rate: <c>messages</c> rows queued at once, sent by <c>senders</c> OutboxSenders (each as one
/// instance's) through MailKit to an SMTP server in this process (the SmtpServer package, parsing nothing), until
/// none is left queued. Every claim, send and record is the app's own code on the app's own database.
/// </summary>
internal static class EmailBench
{
    public static async Task RunAsync(int messages, int senders, int batchSize, string? postgres)
    {
        using var database = new BenchDatabase(postgres);
        var team = await database.SeedAsync(reps: 1, filledReps: 0, meetings: 1);
        var received = 0;
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(() => Interlocked.Increment(ref received)));
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("bench").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), services);
        var serving = server.StartAsync(stop.Token);

        var settings = new EmailSettings
        {
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, StartTls = false, From = "ZonePoll <zonepoll@bench.zonepoll>" },
            BatchSize = batchSize,
        };
        var app = new ServiceCollection();
        if (database.OnPostgres)
        {
            app.AddDbContextPool<ZonePollDbContext, PostgresZonePollDbContext>(o => o.UseNpgsql(database.ConnectionString));
        }
        else
        {
            app.AddDbContextPool<ZonePollDbContext>(o => o.UseSqlite(database.ConnectionString));
        }

        await using var provider = app.BuildServiceProvider();
        var destination = new MailDestination(settings, new BenchEnvironment(database.Folder));

        await using (var db = database.Open())
        {
            var now = DateTimeOffset.UtcNow;
            db.EmailOutbox.AddRange(Enumerable.Range(0, messages).Select(i => new OutboxMessage
            {
                Kind = EmailKind.MeetingOpened,
                TeamId = team.TeamId,
                ToAddress = $"rep{i:D5}@bench.zonepoll",
                ToName = $"Bench Rep {i:D5}",
                Subject = "Fill in your ten for the bench meeting",
                HtmlBody = "<p>Hi,</p><p>The bench meeting is open.</p><p><a href=\"https://zonepoll.bench/meetings/1/worksheet\">Fill in your ten</a></p>",
                TextBody = "Hi,\n\nThe bench meeting is open.\n\nFill in your ten: https://zonepoll.bench/meetings/1/worksheet\n",
                MessageId = $"bench-{i}@bench.zonepoll",
                UnsubscribeUrl = "https://zonepoll.bench/email/unsubscribe/x",
                State = OutboxState.Queued,
                CreatedAt = now,
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }

        var scopes = provider.GetRequiredService<IServiceScopeFactory>();
        using var signal = new OutboxSignal();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            var sender = new OutboxSender(
                scopes, new MailDrop(destination), destination, signal, TimeProvider.System, lifetime, NullLogger<OutboxSender>.Instance);
            while (await sender.SendBatchAsync(CancellationToken.None) > 0)
            {
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);

        await using (var db = database.Open())
        {
            var sent = await db.EmailOutbox.CountAsync(m => m.State == OutboxState.Sent);
            Console.WriteLine($"email: {(database.OnPostgres ? "PostgreSQL" : "SQLite")}, {senders} sender(s), batches of {batchSize}");
            Console.WriteLine($"email: {sent} of {messages} sent, {received} received, in {elapsed.TotalSeconds:F2} s: "
                + $"{sent / elapsed.TotalSeconds:F0} messages/s");
        }

        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CountingStore(Action received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            received();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class BenchEnvironment(string folder) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "ZonePoll.Bench";
        public string ContentRootPath { get; set; } = folder;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
