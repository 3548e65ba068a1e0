using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Email;

/// <summary>
/// Links in e-mail no request caused (the reminders and digests): on <c>App:PublicUrl</c>, or without it on the first
/// address the server listens on, which only reaches people on the same machine or network: set App:PublicUrl.
/// </summary>
public sealed class ScheduledLinks(IConfiguration configuration, IServer server)
{
    public string For(string path)
    {
        var configured = configuration[PublicUrl.Setting];
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost";
        return root + path;
    }
}
