using System.Net;
using System.Net.Sockets;

namespace ZonePoll.Web.Chat;

/// <summary>
/// Whether a typed webhook address may be posted to: https, a host that resolves, and not one address of it private,
/// loopback, link-local, unique-local, shared (CGNAT), multicast or otherwise not on the public internet, so the server
/// can't be turned against its own network. The same rule runs again at every connection (<see cref="ChatPoster"/>),
/// so a name that resolves somewhere public now and somewhere private later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookAddress(ChatSettings settings)
{
    public const int MaxLength = 2000;

    /// <summary>An address that may be saved, or why not (in words for the field's error).</summary>
    public sealed record Checked(Uri? Uri, string? Error);

    public async Task<Checked> CheckAsync(string? typed, CancellationToken cancellationToken)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new(null, "Paste the incoming-webhook address your chat gave you, starting https://.");
        }

        if (text.Length > MaxLength)
        {
            return new(null, $"That address is {text.Length} characters; a webhook address is at most {MaxLength}.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return new(null, "That is not a web address. Paste the whole webhook address, starting https://.");
        }

        // Judged again as kept (escaped, then encrypted into a 4,000-character column): é is kept as %C3%A9.
        if (uri.AbsoluteUri.Length > MaxLength)
        {
            return new(null, $"That address is {uri.AbsoluteUri.Length} characters once its special characters are escaped; "
                + $"a webhook address is at most {MaxLength}.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !settings.AllowHttp)
        {
            return new(null, "The address must start https://: a webhook address is a secret, and http would send it in the clear.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return new(null, "Leave the name and password out of the address (the part before @).");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return new(null, $"{uri.Host} was not found. Check the address for typing mistakes.");
        }

        if (addresses.Length == 0)
        {
            return new(null, $"{uri.Host} was not found. Check the address for typing mistakes.");
        }

        if (!settings.AllowPrivateAddresses && addresses.FirstOrDefault(IsRefused) is { } refused)
        {
            return new(null, $"{uri.Host} is a private or local address ({refused}); ZonePoll posts only to addresses on the public internet.");
        }

        return new(uri, null);
    }

    /// <summary>An address literal as is; a name as the resolver answers now, bounded by a timeout.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        // The resolver throws ArgumentOutOfRangeException past 255 characters, which Uri allows: no name is that long.
        if (host.Length > 255)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SocketException((int)SocketError.TimedOut);
        }
    }

    /// <summary>True for every address not on the public internet.</summary>
    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsRefused(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,                              // "this network", private, loopback
                100 => b[1] is >= 64 and <= 127,                     // shared address space (CGNAT)
                169 => b[1] == 254,                                  // link-local, cloud metadata
                172 => b[1] is >= 16 and <= 31,                      // private
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99), // private, IETF, docs, 6to4 relay
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100), // benchmarking, documentation
                203 => b[1] == 0 && b[2] == 113,                     // documentation
                >= 224 => true,                                      // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and IPv4-compatible (::/96) addresses carry an IPv4 address: judge that one.
        if ((bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].All(x => x == 0))
            || bytes[..12].All(x => x == 0))
        {
            return IsRefused(new IPAddress(bytes[12..]));
        }

        // Documentation (2001:db8::/32); everything outside 2000::/3 is not global unicast.
        return (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) || (bytes[0] & 0xe0) != 0x20;
    }
}
