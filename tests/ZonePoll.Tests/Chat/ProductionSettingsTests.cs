using Microsoft.AspNetCore.Hosting;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Chat;

/// <summary>The tests' allowance for a local listener can't reach Production by mistake: the app refuses to start with it.</summary>
public sealed class ProductionSettingsTests
{
    private sealed class ProductionFactory(string setting) : ZonePollFactory(NewFolder(), keepFiles: false, TestDatabases.DefaultProvider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting(setting, "true");
        }
    }

    [Theory]
    [InlineData("Chat:AllowPrivateAddresses")]
    [InlineData("Chat:AllowHttp")]
    public void InProductionTheAppRefusesToStartWithALocalListenerAllowance(string setting)
    {
        using var factory = new ProductionFactory(setting);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateAnonymousClient());

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("turn them off in Production", StringComparison.Ordinal));
    }
}
