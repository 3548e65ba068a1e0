using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Teams;

/// <summary>On a 360 px phone: a refused over-long text, shortened after the refusal.</summary>
public class OverLongTextTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ShorteningARefusedTextLeavesOneCountThatIsTrueNowAndClearsTheErrorOnceItFits()
    {
        await using var phone = await fixture.NewContextAsync(360, 740);
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Register");
        await page.RegisterAsync("Maria Manager", $"maria-{Guid.NewGuid():n}@example.com");
        await page.GotoAsync("/teams/new");
        await page.FillAsync("#Name", new string('T', 150));
        await page.ClickAsync("button:has-text('Create team')");
        await Expect(page.Locator("#Name-error")).ToHaveTextAsync("Keep the name to 80 characters (this one has 150).");
        await Expect(page.Locator("#Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Name-length")).ToBeHiddenAsync();

        // One character off: the server's "has 150" is no longer true, and only the live count should say how long it is.
        await page.FocusAsync("#Name");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Backspace");
        await Expect(page.Locator("#Name-length")).ToHaveTextAsync("149 characters: 69 over the 80 allowed. Shorten it before you save.");
        await Expect(page.Locator("#Name-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync("over-long-shortening-phone", output);

        await page.FillAsync("#Name", "Sales North");
        await Expect(page.Locator("#Name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Name-length")).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();
        await page.ClickAsync("button:has-text('Create team')");
        await Expect(page.Locator("#invite-url")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APromptRefusedAsOverLongLosesItsRedBorderOnceShortenedToFit()
    {
        await using var phone = await fixture.NewContextAsync(390, 844);
        var (manager, _, _) = await phone.ManagerWithMeetingAsync();
        await manager.FillAsync("#new-prompt", new string('p', 600));
        await manager.ClickAsync("button:has-text('Add prompt')");
        await Expect(manager.Locator("#new-prompt-error")).ToContainTextAsync("(this one has 600).");
        await Expect(manager.Locator("#new-prompt")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));

        await manager.FillAsync("#new-prompt", "What surprised you this month?");
        await Expect(manager.Locator("#new-prompt-error")).ToBeHiddenAsync();
        await Expect(manager.Locator("#new-prompt")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(manager.Locator("#new-prompt")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await manager.AssertAccessibleAsync();
    }
}
