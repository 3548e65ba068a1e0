using System.Diagnostics;
using Microsoft.Playwright;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.BrowserTests.Infrastructure;

/// <summary>
/// What users deploy: <c>dotnet publish</c> for linux-x64 (the README's command), started in Production from
/// another folder, with Debian's Chromium to drive it.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private readonly string _publishFolder = Path.Combine(Path.GetTempPath(), "zonepoll-publish", Guid.NewGuid().ToString("n"));
    private IPlaywright? _playwright;

    public AppProcess App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string PublishFolder => _publishFolder;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(Repository.Root(), "src", "ZonePoll.Web");
        var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", _publishFolder, "-nologo" })
        {
            publish.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(publish)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
        }

        App = await AppProcess.StartAsync(Path.Combine(_publishFolder, "ZonePoll.Web.dll"));
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_publishFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

/// <summary>One publish for every test of the published app: it takes a while.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPublishedApp : ICollectionFixture<PublishedAppFixture>
{
    public const string Name = "Published app";
}
