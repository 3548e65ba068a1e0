using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Tally;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>The app as deployed, with <c>App:PublicUrl</c> set: the QR code and address are the room's, with no warning.</summary>
public sealed class DeployedBrowserFixture : IAsyncLifetime
{
    public const string PublicUrl = "https://zonepoll.example.com";

    private IPlaywright? _playwright;

    public DeployedApp App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;
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
        await App.DisposeAsync();
    }

    public sealed class DeployedApp : ZonePollFactory
    {
        public DeployedApp()
        {
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(ZonePoll.Web.Infrastructure.PublicUrl.Setting, PublicUrl);
        }
    }
}

public class ProjectorFitTests(DeployedBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<DeployedBrowserFixture>
{
    private static readonly (int Width, int Height)[] Screens = [(1920, 1080), (1366, 768), (1280, 720)];

    /// <summary>
    /// Every view (the tally, "Since last time", each prompt), names off and on, at each projector size, for a team of 50
    /// reps with long names and the longest prompt: nothing off the screen, cut by a box or scrolled. One page load; the
    /// views, names and sizes switch in the page.
    /// </summary>
    [Fact]
    public async Task EveryViewFitsEachProjectorSizeWithTheQrCodeForFiftyRepsWithNamesOnAndOff()
    {
        var room = await ProjectorRoom.SeedAsync(fixture.App);
        await using var context = await room.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, 1920, 1080);
        var projector = await context.NewPageAsync();
        await projector.GotoAsync($"/meetings/{room.MeetingId}/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#loopback-warning")).ToHaveCountAsync(0);
        Assert.Equal($"{DeployedBrowserFixture.PublicUrl}/meetings/{room.MeetingId}/worksheet", await projector.Locator("#join-url").InnerTextAsync());
        var prompts = await projector.Locator("#prompt-list li").CountAsync();

        foreach (var names in new[] { false, true })
        {
            if (names)
            {
                await projector.ClickAsync("#view-tally");
                await projector.ClickAsync("#names-toggle");
                await Expect(projector.Locator("#recovery-names")).ToBeVisibleAsync();
            }

            foreach (var (width, height) in Screens)
            {
                await projector.SetViewportSizeAsync(width, height);
                await ProjectorLayout.NextFramesAsync(projector);
                foreach (var view in new[] { "tally", "since", "prompt" })
                {
                    await projector.ClickAsync($"#view-{view}");
                    await Expect(projector.Locator($"#view-{view}")).ToHaveAttributeAsync("aria-pressed", "true");
                    for (var prompt = 0; prompt < prompts; prompt++)
                    {
                        await projector.ClickAsync("#prompt-next");
                        await ProjectorLayout.AssertFitsAsync(projector, $"{view} view, names {(names ? "on" : "off")}, prompt {prompt + 1}");
                    }
                }

                await projector.ClickAsync("#view-since");
                await projector.ScreenshotAsync($"projector-since-names-{(names ? "on" : "off")}-{width}x{height}", output);
                await projector.ClickAsync("#view-tally");
                await projector.ScreenshotAsync($"projector-names-{(names ? "on" : "off")}-{width}x{height}", output);
                if (width == 1920)
                {
                    // The code, less its quiet zone, is at least 200 px on a 1080p screen: a phone reads it from the middle of the room.
                    var code = await projector.EvaluateAsync<double>("""
                        () => {
                            const svg = document.querySelector("#join-qr svg");
                            const modules = svg.viewBox.baseVal.width;
                            return svg.getBoundingClientRect().width * (modules - 8) / modules;
                        }
                        """);
                    Assert.True(code >= 200, $"QR code {code:0} px at 1920x1080");
                    Assert.Equal(await projector.Locator("#join-url").InnerTextAsync(), QrScan.Read(await projector.Locator("#join-qr").ScreenshotAsync()));
                }
            }

            await projector.SetViewportSizeAsync(1920, 1080);
            await projector.ClickAsync("#view-since");
            var straight = projector.Locator("#since-story [data-group=StraightToSurprises]");
            if (names)
            {
                // The first rep's own jump to Surprises is named though the team counts Harbor in Expectations now.
                await Expect(straight.Locator("li").First).ToHaveTextAsync("Harbor Foods · Ana Okafor, own list only");
                await Expect(projector.Locator("#since-story [data-group=RecoveryToExpectations] li").First).ToHaveTextAsync("Harbor Foods · team count");
                // The lost say why, and whose they were.
                await Expect(projector.Locator("#since-lost li").First).ToHaveTextAsync(
                    new System.Text.RegularExpressions.Regex(
                        @" · (lost to a competitor|stopped buying), [A-Za-z]+ [A-Za-z-]+; last time (Recovery|Expectations|Surprises)$"));

                // The hub sends a screen's worth of Recovery names: "+N more" counts on from the Recovery bar, not from what was sent.
                await projector.ClickAsync("#view-tally");
                var recovery = int.Parse(await projector.Locator(".bar-row[data-zone=Recovery] .bar-count").InnerTextAsync(), CultureInfo.InvariantCulture);
                Assert.True(recovery > TallySnapshot.PromptListRows, $"{recovery} customers in Recovery");
                var shown = await projector.Locator("#recovery-list li:not(.more)").CountAsync();
                await Expect(projector.Locator("#recovery-list li.more")).ToHaveTextAsync($"+{recovery - shown} more");
            }
            else
            {
                await Expect(straight.Locator(".story-count")).ToHaveTextAsync("(49)");
                await Expect(straight.Locator("li")).ToHaveCountAsync(0);
                await Expect(projector.Locator("#since-lost li")).ToHaveCountAsync(0);
                Assert.DoesNotContain("Harbor", await projector.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            }

            await projector.ClickAsync("#view-tally");
        }

        // The README's pictures (docs/projector*.png are copies), on a prompt as most are: the tally without names, then the story with them.
        await projector.ClickAsync("#prompt-next");
        await projector.ClickAsync("#names-toggle");
        await Expect(projector.Locator("#recovery-names")).ToBeHiddenAsync();
        await projector.Mouse.MoveAsync(0, 0);
        await projector.ScreenshotAsync("docs-projector", output);
        await projector.ClickAsync("#names-toggle");
        await projector.ClickAsync("#view-since");
        await Expect(projector.Locator("#since-story li").First).ToBeVisibleAsync();
        await projector.Mouse.MoveAsync(0, 0);
        await projector.ScreenshotAsync("docs-projector-since-last-time", output);
        await projector.AssertAccessibleAsync();
    }

    /// <summary>
    /// A room that lost one customer, on the smallest projector: the Lost box has room for about a line, and the lost
    /// customer's line (name, reason, rep, zone) wraps to more. The room still sees the name, on one line cut with an
    /// ellipsis, rather than only "+1 more".
    /// </summary>
    [Fact]
    public async Task ALoneLostCustomerIsNamedInTheLostBoxOnTheSmallestProjectorNotOnlyCounted()
    {
        var room = await ProjectorRoom.SeedAsync(fixture.App, lost: 1);
        await using var context = await room.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, 1280, 720);
        var projector = await context.NewPageAsync();
        await projector.GotoAsync($"/meetings/{room.MeetingId}/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await projector.ClickAsync("#names-toggle");
        await projector.ClickAsync("#view-since");
        await Expect(projector.Locator("#since-lost-count")).ToHaveTextAsync("(1)");

        var lost = projector.Locator("#since-lost li:not(.more)");
        await Expect(lost).ToHaveCountAsync(1);
        await Expect(lost).ToContainTextAsync("Blue River Veterinary Hospital · ");
        await Expect(lost).Not.ToHaveClassAsync(new Regex("one-line"));
        await ProjectorLayout.AssertFitsAsync(projector, "since view, one lost customer");
        await projector.ScreenshotAsync("projector-since-one-lost-1280x720", output);

        // Where the box holds one line only (a smaller room's layout leaves it that), the line is cut, not the name. The
        // box is squeezed by hand here, so only the box itself is checked.
        await projector.EvaluateAsync("() => { document.getElementById('since-lost').style.maxHeight = '1.4em'; }");
        await projector.SetViewportSizeAsync(1280, 719);
        await projector.SetViewportSizeAsync(1280, 720);
        await Expect(lost).ToHaveClassAsync(new Regex("one-line"));
        await Expect(lost).ToContainTextAsync("Blue River Veterinary Hospital · ");
        await Expect(projector.Locator("#since-lost li.more")).ToHaveCountAsync(0);
        var line = await lost.BoundingBoxAsync();
        var box = await projector.Locator("#since-lost").BoundingBoxAsync();
        Assert.True(line!.Y + line.Height <= box!.Y + box.Height + 1, $"the line ends at {line.Y + line.Height:0}, its box at {box.Y + box.Height:0}");
        Assert.True(line.Width <= box.Width + 1, $"the line is {line.Width:0} px wide, its box {box.Width:0}");
    }
}

/// <summary>What "fits the projector" means, measured in the page.</summary>
public static class ProjectorLayout
{
    /// <summary>The browser runs resize handlers before the animation frames of the next rendering: two frames on, every list is refitted.</summary>
    public static async Task NextFramesAsync(IPage page) =>
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

    /// <summary>
    /// Fails unless every shown element of the page is inside the screen and inside each ancestor that cuts (overflow
    /// other than visible), no text is wider than its box, and nothing scrolls. Elements of a visually hidden caption or heading are left out.
    /// </summary>
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        await NextFramesAsync(page);
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
                const slack = 1;
                const inside = (box, outer) => box.top >= outer.top - slack && box.left >= outer.left - slack
                    && box.bottom <= outer.bottom + slack && box.right <= outer.right + slack;
                const screen = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
                const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : "")
                    + " '" + (e.textContent || "").trim().slice(0, 40) + "'";
                const problems = [];
                if (document.documentElement.scrollHeight > window.innerHeight + slack || document.documentElement.scrollWidth > window.innerWidth + slack) {
                    problems.push("the page scrolls: " + document.documentElement.scrollWidth + "x" + document.documentElement.scrollHeight);
                }
                for (const e of document.querySelectorAll("body *")) {
                    if (e.closest(".visually-hidden") || e.closest("script") || e.tagName === "SCRIPT") continue;
                    const box = e.getBoundingClientRect();
                    if (box.width === 0 && box.height === 0) continue;
                    if (!inside(box, screen)) { problems.push("off screen: " + name(e)); continue; }
                    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                        const style = getComputedStyle(a);
                        if (style.overflowX !== "visible" || style.overflowY !== "visible") {
                            if (!inside(box, a.getBoundingClientRect())) { problems.push("cut by " + name(a) + ": " + name(e)); break; }
                        }
                    }
                    const own = getComputedStyle(e);
                    // Text wider than its own box runs into its neighbour even where nothing cuts it; an ellipsis says it is cut.
                    if (own.display !== "inline" && own.textOverflow !== "ellipsis" && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + slack
                        && !(e instanceof SVGElement)) {
                        problems.push("overflows its box: " + name(e));
                    }
                    if ((own.overflowY === "auto" || own.overflowY === "scroll") && e.scrollHeight > e.clientHeight + slack) {
                        problems.push("scrolls: " + name(e));
                    }
                }
                return problems.slice(0, 12);
            }
            """);
        var size = page.ViewportSize;
        Assert.True(problems.Length == 0, $"{what} at {size?.Width}x{size?.Height}:\n{string.Join("\n", problems)}");
    }
}
