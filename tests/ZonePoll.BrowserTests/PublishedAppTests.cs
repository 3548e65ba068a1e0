using System.Net;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests;

/// <summary>The published app in Production, not the Development build the other browser tests use.</summary>
[Collection(SharedPublishedApp.Name)]
public class PublishedAppTests(PublishedAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ThePublishedAppStartedFromAnotherFolderShowsStyledPagesAndItsProjectorGoesLive()
    {
        await using var managerContext = await BrowserFixture.NewContextAsync(fixture.Browser, fixture.App.BaseAddress, 1920, 1080);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        // Bootstrap arrived whole: its primary button colour is applied, not the browser's default grey.
        var buttonColour = await manager.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.btn-primary')).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", buttonColour);
        Assert.NotEqual("rgb(239, 239, 239)", buttonColour);

        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("0 of 0 reps in");

        await using var repContext = await BrowserFixture.NewContextAsync(fixture.Browser, fixture.App.BaseAddress);
        var rep = await repContext.RepWhoJoinedAsync(invite, "Ravi Rep");
        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("0 of 1 reps in");
        await rep.FillAsync("#row-0-name", "Acme Corp");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("1 of 1 reps in");
        await projector.ScreenshotAsync("published-present", output);
        Assert.DoesNotContain("Development", await manager.ContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("css/site.css")]
    [InlineData("lib/bootstrap/dist/css/bootstrap.min.css")]
    [InlineData("js/present.js")]
    public async Task EveryAssetReachesABrowserThatAcceptsGzipWhole(string asset) =>
        await AssetChecks.AssertServedWholeAsync(fixture.App.BaseAddress, asset, Path.Combine(fixture.PublishFolder, "wwwroot", asset));

    [Fact]
    public void ThePublishedFolderHoldsOnlyLinuxX64NativeLibraries()
    {
        var bytes = new DirectoryInfo(fixture.PublishFolder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        output.WriteLine($"Published folder: {bytes / 1024 / 1024} MB");

        Assert.False(Directory.Exists(Path.Combine(fixture.PublishFolder, "runtimes")), "native libraries for other platforms were published");
        Assert.InRange(bytes, 1, 60L * 1024 * 1024);
    }
}

/// <summary>A build run without publishing (what <c>dotnet run -c Release</c> starts), in Production, from another folder.</summary>
public class BuildOutputTests
{
    [Theory]
    [InlineData("css/site.css")]
    [InlineData("lib/bootstrap/dist/css/bootstrap.min.css")]
    [InlineData("lib/microsoft-signalr/dist/browser/signalr.min.js")]
    public async Task TheBuildOutputInProductionServesEveryAssetWholeToABrowserThatAcceptsGzip(string asset)
    {
        await using var app = await AppProcess.StartAsync(Repository.BuiltAppDll());

        await AssetChecks.AssertServedWholeAsync(app.BaseAddress, asset, Path.Combine(Repository.Root(), "src", "ZonePoll.Web", "wwwroot", asset));
    }
}

public static class AssetChecks
{
    public static async Task AssertServedWholeAsync(Uri baseAddress, string asset, string original)
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");

        using var response = await client.GetAsync(asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(original), await response.Content.ReadAsByteArrayAsync());
    }
}
