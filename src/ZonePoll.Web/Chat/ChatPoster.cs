using System.Net.Sockets;

namespace ZonePoll.Web.Chat;

/// <summary>What a chat service answered: its status code and the start of its body, or why there was no answer.</summary>
public sealed record ChatReply(int? Status, string Body, string? Error)
{
    public const int BodyShown = 200;

    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>In words, as the chat page and the messages page show it.</summary>
    public string Describe() => Status is { } status
        ? $"HTTP {status}" + (Body.Length > 0 ? $": {Body}" : "")
        : Error ?? "No answer.";
}

/// <summary>
/// Posts {"text": ...} to a webhook (Slack, Microsoft Teams and Google Chat all take it). Every connection resolves the
/// host afresh and refuses it if any address is private (<see cref="WebhookAddress.IsRefused"/>), whatever the address
/// was when it was saved; redirects are not followed, so a public address can't hand the post on to a private one.
/// </summary>
public sealed class ChatPoster : IDisposable
{
    private readonly HttpClient _client;
    private readonly ChatSettings _settings;

    public ChatPoster(ChatSettings settings)
    {
        _settings = settings;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("ZonePoll/1.0");
    }

    public async Task<ChatReply> PostAsync(Uri webhook, string text, CancellationToken cancellationToken)
    {
        // Headers only, then the start of the body: PostAsJsonAsync would buffer a hostile server's endless body whole
        // (up to 2 GB) before returning. The timeout is ours, so it bounds reading that start too.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_settings.TimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = JsonContent.Create(new { text }) };
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            return new((int)response.StatusCode, body, null);
        }
        catch (HttpRequestException e)
        {
            return new(null, "", Shorten(e.InnerException is RefusedAddressException refused ? refused.Message : $"Could not connect: {e.Message}"));
        }
        catch (IOException e)
        {
            // The answer broke off part way (HttpIOException): the post may have landed, but there is no answer to trust.
            return new(null, "", Shorten($"The answer broke off: {e.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, "", $"No answer within {_settings.TimeoutSeconds} seconds.");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await WebhookAddress.ResolveAsync(host, cancellationToken);
        if (!_settings.AllowPrivateAddresses && addresses.FirstOrDefault(WebhookAddress.IsRefused) is { } refused)
        {
            throw new RefusedAddressException($"Refused: {host} is a private or local address ({refused}) now, so nothing was posted.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // The addresses just checked, not a second lookup that could answer differently.
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The start only: a hostile server's endless body costs one small buffer.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ChatReply.BodyShown * 4];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
        {
            read += n;
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        text = new string([.. text.Where(c => !char.IsControl(c) || c == ' ')]).Trim();
        return text.Length <= ChatReply.BodyShown ? text : text[..ChatReply.BodyShown] + "…";
    }

    private static string Shorten(string text) => text.Length <= ChatMessage.ReplyMaxLength ? text : text[..ChatMessage.ReplyMaxLength];

    public void Dispose() => _client.Dispose();

    private sealed class RefusedAddressException(string message) : IOException(message);
}
