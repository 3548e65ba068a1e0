using System.Net;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// Absolute links people copy elsewhere (invites, the projector's "fill in yours at"). Built from <c>App:PublicUrl</c>
/// when set: behind a proxy the request's Host header is the proxy's idea, or an attacker's.
/// </summary>
public sealed class PublicUrl
{
    public const string Setting = "App:PublicUrl";

    private readonly string? _configured;

    public PublicUrl(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        // Fail at start-up, not in the first invite a manager sends.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"{Setting} must be an absolute http or https address such as https://zonepoll.example.com, not '{value}'.");
        }

        _configured = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>
    /// True when no public address is set and the request came to this machine's own loopback address (127.0.0.1, ::1,
    /// localhost): the links and QR codes built from it open nothing on a phone in the room, so the page says so.
    /// </summary>
    public bool UnreachableFromPhones(HttpRequest request) => _configured is null && IsLoopback(request.Host.Host);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary><paramref name="path"/> (starting with /) on the public address, or on the request's own.</summary>
    public string For(HttpRequest request, string path) =>
        (_configured ?? $"{request.Scheme}://{request.Host}{request.PathBase}") + path;
}
