using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ZonePoll.Tests.Email;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), in process. Whatever arrives is parsed with
/// MimeKit and kept. <see cref="HoldNextAsync"/> makes it keep the next message's DATA unanswered until released, so a test
/// can stop a sender with a message in hand.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store;

    public SmtpTestServer()
    {
        Port = FreePort();
        _store = new Store(this);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    private TaskCompletionSource? _held;
    private TaskCompletionSource? _holding;
    private TaskCompletionSource? _arrivedWhileHeld;

    /// <summary>Holds the next message unanswered; returns when it has arrived. Release with <see cref="Release"/>.</summary>
    public Task HoldNextAsync()
    {
        _held = _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _arrivedWhileHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return _arrivedWhileHeld.Task;
    }

    public void Release() => _holding?.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (failing after a minute).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (Received.Count < count)
        {
            await Task.Delay(20, patience.Token);
        }

        return [.. Received];
    }

    public void Dispose()
    {
        Release();
        _stop.Cancel();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Cancelled, as asked.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._held is { } held)
            {
                server._held = null;
                server._arrivedWhileHeld!.TrySetResult();
                await held.Task;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            server.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
