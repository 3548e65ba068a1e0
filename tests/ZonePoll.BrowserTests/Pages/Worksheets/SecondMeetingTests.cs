using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Worksheets;

/// <summary>
/// A rep's second meeting on a phone and on a laptop: last time's list carried forward and edited in place, without
/// being refused for doing the right thing.
/// </summary>
public class SecondMeetingTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// November: the rep lists Greenleaf (Recovery, Respect and Reliability, a note), Acme Corp. (Expectations,
    /// feeling a pinch) and Harbor Logistics (Surprises), and another rep lists Contoso Ltd. The manager then opens
    /// December, and the rep opens its worksheet: November's list, carried forward.
    /// </summary>
    private async Task<(IBrowserContext Context, IPage Rep)> SecondMeetingAsync(IBrowserContext managerContext, int width, int height)
    {
        var (manager, invite, november) = await managerContext.ManagerWithMeetingAsync();
        var context = await fixture.NewContextAsync(width, height);
        var rep = await context.RepWhoJoinedAsync(invite, "Riya Rep");
        await rep.FillAsync("#row-0-name", "Greenleaf");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.CheckAsync("#row-0-cause-Respect");
        await rep.CheckAsync("#row-0-cause-Reliability");
        await rep.FillAsync("#row-0-note", "Felt ignored after price change");
        await rep.FillAsync("#row-1-name", "Acme Corp.");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.CheckAsync("#row-1-pinch");
        await rep.FillAsync("#row-2-name", "Harbor Logistics");
        await rep.CheckAsync("#row-2-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 3 customers");

        await using var otherContext = await fixture.NewContextAsync();
        var other = await otherContext.RepWhoJoinedAsync(invite, "Omar Other");
        await other.FillAsync("#row-0-name", "Contoso Ltd");
        await other.CheckAsync("#row-0-zone-Expectations");
        await other.ClickAsync("button:has-text('Save my customers')");
        await Expect(other.Locator("body")).ToContainTextAsync("Saved 1 customer");

        var team = await manager.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href')).find(h => /^\\/teams\\/\\d+$/.test(h ?? ''))");
        await manager.GotoAsync(team);
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "December meeting");
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("December meeting");
        Assert.NotEqual(november, manager.Url);

        await rep.GotoAsync(new Uri(manager.Url).AbsolutePath + "/worksheet");
        await Expect(rep.Locator("#carried-forward")).ToBeVisibleAsync();
        return (context, rep);
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 800, "laptop")]
    public async Task ARepMovesReplacesAndRemovesLastTimesCustomersOnTheRowAndSavesFirstTime(int width, int height, string size)
    {
        await using var managerContext = await fixture.NewContextAsync();
        var (context, rep) = await SecondMeetingAsync(managerContext, width, height);
        await using var _ = context;

        // Greenleaf moves up to Surprises: the Three R's go as the zone changes, and the row says so.
        await rep.CheckAsync("#row-0-zone-Surprises");
        await Expect(rep.Locator("#row-0-cause-Respect")).Not.ToBeCheckedAsync();
        await Expect(rep.Locator("#row-0-cleared")).ToContainTextAsync("Respect and Reliability were cleared");

        // A new name over Harbor Logistics is a new customer: nothing of Harbor's stays, and Harbor's reason is asked here.
        await rep.FillAsync("#row-2-name", "Oakridge Dental");
        await Expect(rep.Locator("#row-2-zone-Surprises")).Not.ToBeCheckedAsync();
        await Expect(rep.Locator("#row-2-last")).ToBeHiddenAsync();
        await Expect(rep.Locator("#row-2-removed")).ToContainTextAsync("Harbor Logistics is off your list");
        await rep.SelectOptionAsync("#row-2-drop-reason", "ReplacedToKeepTen");
        await rep.CheckAsync("#row-2-zone-Expectations");

        // Remove empties the row and asks why; Undo puts Acme Corp. back as it was.
        await rep.ClickAsync("#row-1-remove");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("");
        await Expect(rep.Locator("#row-1-drop-reason")).ToBeFocusedAsync();
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("#row-1-undo");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Acme Corp.");
        await Expect(rep.Locator("#row-1-zone-Expectations")).ToBeCheckedAsync();
        await Expect(rep.Locator("#row-1-pinch")).ToBeCheckedAsync();
        await Expect(rep.Locator("#row-1-removed")).ToBeHiddenAsync();
        await rep.ScreenshotAsync($"worksheet-second-meeting-{size}", output);

        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 3 customers");
        await Expect(rep.Locator("#row-0-zone-Surprises")).ToBeCheckedAsync();
        await Expect(rep.Locator("#row-0-cause-Respect")).Not.ToBeCheckedAsync();
        await Expect(rep.Locator("#row-2-name")).ToHaveValueAsync("Oakridge Dental");
        await Expect(rep.Locator("#row-2-zone-Expectations")).ToBeCheckedAsync();
        await Expect(rep.Locator("#dropped")).ToContainTextAsync("Harbor Logistics");
        await Expect(rep.Locator("#dropped select")).ToHaveValueAsync("ReplacedToKeepTen");
        await rep.AssertAccessibleAsync();
    }

    [Fact]
    public async Task TypingOverACarriedNameThenBackGivesLastTimesCustomerAsTheyWere()
    {
        await using var managerContext = await fixture.NewContextAsync();
        var (context, rep) = await SecondMeetingAsync(managerContext, 390, 844);
        await using var _ = context;

        // A slip of the thumb after the name makes it another customer; deleting the slip is Acme Corp. again.
        await rep.FillAsync("#row-1-name", "Acme Corp.x");
        await Expect(rep.Locator("#row-1-removed")).ToBeVisibleAsync();
        await rep.FillAsync("#row-1-name", "Acme Corp.");

        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Acme Corp.");
        await Expect(rep.Locator("#row-1-zone-Expectations")).ToBeCheckedAsync();
        await Expect(rep.Locator("#row-1-removed")).ToBeHiddenAsync();

        // Undo after typing a new name over it says "Undo removing Acme Corp.": it gives Acme Corp. back, not the new name.
        await rep.FillAsync("#row-1-name", "Contoso");
        await rep.ClickAsync("#row-1-undo");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Acme Corp.");
        await Expect(rep.Locator("#row-1-pinch")).ToBeCheckedAsync();
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 3 customers");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Acme Corp.");
    }

    [Fact]
    public async Task AnOverlongPasteOverACarriedNameUndoneLeavesNoCountBesideTheNameThatCameBack()
    {
        await using var managerContext = await fixture.NewContextAsync();
        var (context, rep) = await SecondMeetingAsync(managerContext, 360, 800);
        await using var _ = context;
        var pasted = string.Concat(Enumerable.Repeat("Acme Corporation regional purchasing office ", 3)).Trim();

        // A paste over last time's customer: the row treats it as a new customer, and the count says it is too long.
        await rep.FillAsync("#row-1-name", pasted);
        await Expect(rep.Locator("#row-1-name-length")).ToHaveTextAsync(
            $"{pasted.Length} characters: {pasted.Length - 100} over the 100 allowed. Shorten it before you save.");
        await Expect(rep.Locator("#row-1-removed")).ToBeVisibleAsync();

        // Undo puts Acme Corp. back: a red count of the paste beside it would say the restored name is too long.
        await rep.ClickAsync("#row-1-undo");
        await Expect(rep.Locator("#row-1-name")).ToHaveValueAsync("Acme Corp.");
        await Expect(rep.Locator("#row-1-name-length")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task ANearDuplicateOfATeamCustomerAsksDidYouMeanAndTheKnownNameIsUsed(int width, int height)
    {
        await using var managerContext = await fixture.NewContextAsync();
        var (context, rep) = await SecondMeetingAsync(managerContext, width, height);
        await using var _ = context;
        await Expect(rep.Locator("#known-customers option[value='Contoso Ltd']")).ToHaveCountAsync(1);

        await rep.FillAsync("#row-3-name", "Contoso Limited");
        await rep.CheckAsync("#row-3-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(rep.Locator("#row-3")).ToContainTextAsync("Did you mean Contoso Ltd?");
        await Expect(rep.Locator("#row-3-name")).ToHaveValueAsync("Contoso Limited");
        await Expect(rep.Locator("#row-3-zone-Surprises")).ToBeCheckedAsync();
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("#row-3-use-known");
        await Expect(rep.Locator("#row-3-name")).ToHaveValueAsync("Contoso Ltd");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(rep.Locator("body")).ToContainTextAsync("Saved 4 customers");
        await Expect(rep.Locator("#row-3-name")).ToHaveValueAsync("Contoso Ltd");
    }
}
