using Microsoft.Playwright;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.BrowserTests.Infrastructure;

/// <summary>The app on real Kestrel (a random port, its own SQLite file) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KestrelFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("ZONEPOLL_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless; Playwright's own browser download cannot work here.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ZONEPOLL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // This machine has no network beyond loopback: keep Chromium from reaching out at all.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic",
            ],
        });
    }

    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) => NewContextAsync(Browser, BaseAddress, width, height);

    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, int width = 1280, int height = 900) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class KestrelFactory : ZonePollFactory
{
    public KestrelFactory()
    {
        UseKestrel(0);
    }
}
