using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>Issue 23: presenting without controls in the picture, and the manager's phone driving the projector.</summary>
public class PresenterTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // "Follows within a second": each step on the phone must show on the projector in this time.
    private const float WithinASecond = 1000;

    private async Task<(IBrowserContext Manager, string MeetingUrl)> MeetingWithARecoveryCustomerAsync()
    {
        var managerContext = await fixture.NewContextAsync(1280, 720);
        var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rita Rep");
        await rep.FillAsync("#row-0-name", "Blue River Clinic");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 1 customer");
        return (managerContext, meetingUrl);
    }

    private static async Task<(float X, float Y, float Width, float Height)> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() is { } box ? (box.X, box.Y, box.Width, box.Height) : default;

    [Fact]
    public async Task TheManagersPhoneRemoteDrivesTheProjectorInAnotherBrowserAndItFollowsWithinASecond()
    {
        var (managerContext, meetingUrl) = await MeetingWithARecoveryCustomerAsync();
        await using var _ = managerContext;
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("1 of 6");

        // The manager's phone: another browser, signed in as the same manager.
        await using var phoneContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            StorageState = await managerContext.StorageStateAsync(),
        });
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(meetingUrl + "/remote");
        await Expect(phone.Locator("#remote-status")).ToContainTextAsync("Connected");

        await phone.ClickAsync("#remote-next");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("2 of 6", new() { Timeout = WithinASecond });
        await Expect(phone.Locator("#remote-prompt-position")).ToHaveTextAsync("2 of 6");

        await phone.ClickAsync("#remote-view-since");
        await Expect(projector.Locator("#view-since")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = WithinASecond });
        await Expect(projector.Locator("#since")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await Expect(projector.Locator("#results")).ToBeHiddenAsync();
        await Expect(phone.Locator("#remote-view-since")).ToHaveAttributeAsync("aria-pressed", "true");

        await phone.ClickAsync("#remote-view-tally");
        await Expect(projector.Locator("#results")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await phone.ClickAsync("#remote-names");
        await Expect(phone.Locator("#remote-names")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(projector.Locator("#names-toggle")).ToHaveTextAsync("Hide names", new() { Timeout = WithinASecond });
        // Names show once the numbers do.
        await Expect(projector.Locator("#recovery-names")).ToBeHiddenAsync();
        await phone.ClickAsync("#remote-reveal");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await Expect(projector.Locator("#recovery-list")).ToContainTextAsync("Blue River Clinic", new() { Timeout = WithinASecond });
        await Expect(phone.Locator("#remote-reveal")).ToHaveAttributeAsync("aria-pressed", "true");

        // A projector opened now starts where the room is.
        var late = await managerContext.NewPageAsync();
        await late.GotoAsync(meetingUrl + "/present");
        await Expect(late.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(late.Locator("#prompt-position")).ToHaveTextAsync("2 of 6");
        await Expect(late.Locator("#bars")).ToBeVisibleAsync();

        await phone.ClickAsync("#remote-prev");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("1 of 6", new() { Timeout = WithinASecond });
        await Expect(late.Locator("#prompt-position")).ToHaveTextAsync("1 of 6", new() { Timeout = WithinASecond });

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var next = await phone.Locator("#remote-next").BoundingBoxAsync();
        Assert.True(next!.Height >= 48, $"The next button is {next.Height} px tall");
        await phone.AssertAccessibleAsync();
        await phone.ScreenshotAsync("remote-360x740", output);
    }

    [Fact]
    public async Task TheDashboardsProjectorButtonsMoveTheOpenProjector()
    {
        var (managerContext, meetingUrl) = await MeetingWithARecoveryCustomerAsync();
        await using var _ = managerContext;
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        var dashboard = await managerContext.NewPageAsync();
        await dashboard.GotoAsync(meetingUrl);
        await Expect(dashboard.Locator("#dashboard-view-tally")).ToHaveAttributeAsync("aria-pressed", "true");

        await dashboard.ClickAsync("#dashboard-prompt-next");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("2 of 6", new() { Timeout = WithinASecond });
        await dashboard.ClickAsync("#dashboard-view-since");
        await Expect(projector.Locator("#since")).ToBeVisibleAsync(new() { Timeout = WithinASecond });
        await Expect(dashboard.Locator("#dashboard-view-since")).ToHaveAttributeAsync("aria-pressed", "true");
        await dashboard.AssertAccessibleAsync();
    }

    [Fact]
    public async Task PresentingHidesTheControlsUntilTheMouseMovesAndFTogglesFullScreen()
    {
        var (managerContext, meetingUrl) = await MeetingWithARecoveryCustomerAsync();
        await using var _ = managerContext;
        var projector = await managerContext.NewPageAsync();
        await projector.GotoAsync(meetingUrl + "/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        var controls = projector.Locator(".controls");
        await Expect(controls).ToBeVisibleAsync();

        await projector.Keyboard.PressAsync("f");
        await Expect(projector.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpresenting\b"));
        await projector.WaitForFunctionAsync("() => document.fullscreenElement === document.documentElement");
        await Expect(projector.Locator("#present-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(controls).ToBeHiddenAsync();
        await Expect(projector.Locator("#prompt-next")).ToBeHiddenAsync();

        // Showing the controls does not move the content: they lie over it.
        var view = await BoxAsync(projector.Locator("#results"));
        await projector.Mouse.MoveAsync(300, 300);
        await projector.Mouse.MoveAsync(320, 310);
        await Expect(controls).ToBeVisibleAsync();
        await Expect(projector.Locator("#prompt-next")).ToBeVisibleAsync();
        Assert.Equal(view, await BoxAsync(projector.Locator("#results")));
        await projector.ScreenshotAsync("presenting-controls-1280x720", output);
        // Idle: gone again (after about 2.5 s).
        await Expect(controls).ToBeHiddenAsync(new() { Timeout = 10_000 });

        // The keys work while presenting: views by number, reveal, names, a clicker's PageDown.
        await projector.Keyboard.PressAsync("2");
        await Expect(projector.Locator("#since")).ToBeVisibleAsync();
        await projector.Keyboard.PressAsync("1");
        await Expect(projector.Locator("#results")).ToBeVisibleAsync();
        await projector.Keyboard.PressAsync("r");
        await Expect(projector.Locator("#bars")).ToBeVisibleAsync();
        await projector.Keyboard.PressAsync("n");
        await Expect(projector.Locator("#recovery-list")).ToContainTextAsync("Blue River Clinic");
        await projector.Keyboard.PressAsync("PageDown");
        await Expect(projector.Locator("#prompt-position")).ToHaveTextAsync("2 of 6");
        await projector.ScreenshotAsync("presenting-1280x720", output);

        await projector.Keyboard.PressAsync("f");
        await projector.WaitForFunctionAsync("() => document.fullscreenElement === null");
        await Expect(projector.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpresenting\b"));
        await Expect(controls).ToBeVisibleAsync();
        await Expect(projector.Locator("#present-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await projector.AssertAccessibleAsync();
    }
}
