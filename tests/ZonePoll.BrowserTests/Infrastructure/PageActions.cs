using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ZonePoll.BrowserTests.Infrastructure;

public static class PageActions
{
    public static async Task RegisterAsync(this IPage page, string name, string email, string password = "a long passphrase")
    {
        await page.FillAsync("#Input_DisplayName", name);
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", password);
        await page.ClickAsync("button[type=submit]:has-text('Create account')");
    }

    /// <summary>A new manager registers, creates "Sales North" and an open "November meeting".</summary>
    public static async Task<(IPage Manager, string Invite, string MeetingUrl)> ManagerWithMeetingAsync(this IBrowserContext context)
    {
        var manager = await context.NewPageAsync();
        await manager.GotoAsync("/Identity/Account/Register");
        await manager.RegisterAsync("Maria Manager", $"maria-{Guid.NewGuid():n}@example.com");
        await manager.GotoAsync("/teams/new");
        await manager.FillAsync("#Name", "Sales North");
        await manager.ClickAsync("button:has-text('Create team')");
        var invite = await manager.InputValueAsync("#invite-url");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "November meeting");
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("November meeting");
        return (manager, invite, manager.Url);
    }

    /// <summary>A new rep opens the invite and registers from it, which joins the team and opens the worksheet.</summary>
    public static async Task<IPage> RepWhoJoinedAsync(this IBrowserContext context, string invite, string name)
    {
        var rep = await context.NewPageAsync();
        await rep.GotoAsync(invite);
        await rep.ClickAsync("text=Create an account");
        await rep.RegisterAsync(name, $"{Guid.NewGuid():n}@example.com");
        await rep.WaitForURLAsync("**/worksheet");
        return rep;
    }

    public static async Task ScreenshotAsync(this IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }

    /// <summary>What <see cref="TableBoxesAsync"/> says of a box that scrolls sideways and says so as it should.</summary>
    public const string HintedBox = "scrolls hinted focusable named";

    /// <summary>
    /// Each table box on the page (scroll-hint.js): "fits" (no hint showing), or whether the box that scrolls sideways
    /// shows its hint, takes focus and has a name (<see cref="HintedBox"/> when all three). Read two frames on, so the
    /// hints have followed a resize or a live update just made: a ResizeObserver answers after the next layout, not at once.
    /// </summary>
    public static Task<string[]> TableBoxesAsync(this IPage page) => page.EvaluateAsync<string[]>("""
        async () => {
          await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
          return [...document.querySelectorAll('.table-responsive')].map(box => {
            const hint = box.previousElementSibling;
            const isHint = hint !== null && hint.classList.contains('scroll-hint');
            if (box.scrollWidth <= box.clientWidth + 1) {
                return isHint && !hint.hidden ? 'fits but hinted' : 'fits';
            }
            const hinted = isHint && hint.offsetParent !== null;
            const named = box.getAttribute('role') === 'region' && (box.getAttribute('aria-label') ?? '').length > 0;
            return ['scrolls', hinted ? 'hinted' : 'not hinted', box.tabIndex === 0 ? 'focusable' : 'not focusable',
                named ? 'named' : 'not named'].join(' ');
          });
        }
        """);

    /// <summary>Fails on axe violations that would stop someone using the page: serious and critical ones.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join("\n", serious)}");
    }
}
