using Microsoft.AspNetCore.Hosting;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Chat;

/// <summary>The app allowed to post to a listener on this machine over http, its chat sender looking often and retrying at once.</summary>
public sealed class ChatFactory(int maxAttempts = 8) : ZonePollFactory(NewFolder(), keepFiles: false, TestDatabases.DefaultProvider)
{
    public const string PublicUrl = "https://zonepoll.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("App:PublicUrl", PublicUrl);
        builder.UseSetting("Chat:AllowPrivateAddresses", "true");
        builder.UseSetting("Chat:AllowHttp", "true");
        builder.UseSetting("Chat:PollMilliseconds", "100");
        builder.UseSetting("Chat:RetrySeconds", "0");
        builder.UseSetting("Chat:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
