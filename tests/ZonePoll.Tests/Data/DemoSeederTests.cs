using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Demo;

namespace ZonePoll.Tests.Data;

public sealed class DevelopmentFactory : ZonePollFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class ProductionFactory : ZonePollFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public class DemoSeederTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task DevelopmentSeedsADemoTeamWhoseManagerCanSignIn()
    {
        var client = factory.CreateAnonymousClient();
        var login = await client.GetDocumentAsync("/Identity/Account/Login");
        using var signedIn = await client.SubmitAsync(login.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = DemoSeeder.ManagerEmail,
            ["Input.Password"] = DemoSeeder.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var home = await client.GetDocumentAsync("/");

        Assert.Contains("Demo sales team", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 of 5 reps in", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLandingPageTellsADeveloperHowToSignIn()
    {
        var page = await factory.CreateAnonymousClient().GetDocumentAsync("/");

        Assert.Contains(DemoSeeder.ManagerEmail, page.QuerySelector("#demo-accounts")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        var before = await factory.WithDbAsync(db => db.Entries.CountAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        Assert.True(before > 0);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Entries.CountAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Teams.CountAsync()));
    }
}

public class ProductionStartTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task OutsideDevelopmentThereAreNoDefaultAccounts()
    {
        using var health = await factory.CreateAnonymousClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
        var landing = await factory.CreateAnonymousClient().GetDocumentAsync("/");
        Assert.Null(landing.QuerySelector("#demo-accounts"));
        Assert.Equal(factory.Provider == DatabaseProvider.Sqlite, File.Exists(factory.DatabasePath));
    }
}
