using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Teams;

/// <summary>One 390 px phone passed between two people: each sign-in shows whoever signed in last, never the one before.</summary>
public class SharedPhoneSignInTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string SignOut = "() => document.querySelector('form[action*=\"Logout\"]').requestSubmit()";

    [Fact]
    public async Task SigningOutAndInAsAnotherPersonOnTheSamePhoneShowsOnlyTheNewPersonAndTheirTeams()
    {
        await using var phone = await fixture.NewContextAsync(390, 844);
        var page = await phone.NewPageAsync();
        var anna = $"anna-{Guid.NewGuid():n}@example.com";
        await page.GotoAsync("/Identity/Account/Register");
        await page.RegisterAsync("Anna First", anna);
        await page.GotoAsync("/teams/new");
        await page.FillAsync("#Name", "Anna's team");
        await page.ClickAsync("button:has-text('Create team')");
        await Expect(page.Locator(".navbar-text")).ToHaveTextAsync("Anna First");

        await page.EvaluateAsync(SignOut);
        await Expect(page.Locator("form[action*='Logout']")).ToHaveCountAsync(0);
        await page.GotoAsync("/Identity/Account/Register");
        await page.RegisterAsync("Ben Second", $"ben-{Guid.NewGuid():n}@example.com");
        await page.GotoAsync("/");
        await Expect(page.Locator(".navbar-text")).ToHaveTextAsync("Ben Second");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Anna's team");

        await page.EvaluateAsync(SignOut);
        await Expect(page.Locator("form[action*='Logout']")).ToHaveCountAsync(0);
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("#Input_Email", anna);
        await page.FillAsync("#Input_Password", "a long passphrase");
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.GotoAsync("/");
        await Expect(page.Locator(".navbar-text")).ToHaveTextAsync("Anna First");
        await Expect(page.Locator("main")).ToContainTextAsync("Anna's team");
        await page.ScreenshotAsync("shared-phone-anna", output);
    }
}
