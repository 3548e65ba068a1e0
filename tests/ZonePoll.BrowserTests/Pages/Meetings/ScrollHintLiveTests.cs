using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>A manager following the live tally on a phone: the tables the live update swaps in keep their scroll hints.</summary>
public class ScrollHintLiveTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static async Task SaveRowsAsync(IPage rep, params (string Name, string Zone)[] rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await rep.FillAsync($"#row-{i}-name", rows[i].Name);
            await rep.CheckAsync($"#row-{i}-zone-{rows[i].Zone}");
        }

        await rep.ClickAsync("button:has-text('Save my customers')");
    }

    [Fact]
    public async Task TablesTheLiveTallySwapsInOnAPhoneSayTheyScrollAndTakeFocusAlsoAfterRotating()
    {
        await using var managerPhone = await fixture.NewContextAsync(390, 844);
        var (manager, invite, _) = await managerPhone.ManagerWithMeetingAsync();
        await using var phone = await fixture.NewContextAsync(390, 844);
        var priya = await phone.RepWhoJoinedAsync(invite, "Priya Phone");
        await SaveRowsAsync(priya, ("Müller GmbH", "Recovery"), ("Harbor Logistics", "Expectations"));
        await using var otherPhone = await fixture.NewContextAsync(390, 844);
        var otto = await otherPhone.RepWhoJoinedAsync(invite, "Otto Other");
        await SaveRowsAsync(otto, ("Orchid Foods", "Recovery"));

        await manager.GotoAsync("/");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "December meeting");
        await manager.FillAsync("#Input_Date", DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("December meeting");
        var december = new Uri(manager.Url).AbsolutePath;
        await priya.GotoAsync(december + "/worksheet");
        await priya.CheckAsync("#row-0-zone-Surprises");
        await priya.ClickAsync("button:has-text('Save my customers')");
        await manager.ClickAsync("#reveal-toggle");
        await Expect(manager.Locator("#reveal-toggle")).ToContainTextAsync("Hide the numbers");
        await manager.GotoAsync(december);
        Assert.Contains(PageActions.HintedBox, await manager.TableBoxesAsync());

        // Otto saves while the manager watches: the live update swaps in a fresh tally.
        await otto.GotoAsync(december + "/worksheet");
        await otto.ClickAsync("button:has-text('Save my customers')");
        await Expect(manager.Locator("#tally")).ToContainTextAsync("from 2 of 2 reps");

        var live = await manager.TableBoxesAsync();
        output.WriteLine(string.Join(", ", live));
        Assert.Contains(PageActions.HintedBox, live);
        Assert.All(live, box => Assert.True(box is PageActions.HintedBox or "fits", box));
        Assert.Equal(await manager.Locator(".scroll-hint").CountAsync(), await manager.Locator(".table-responsive").CountAsync());
        await manager.AssertAccessibleAsync();

        await manager.SetViewportSizeAsync(844, 390);
        Assert.All(await manager.TableBoxesAsync(), box => Assert.True(box is PageActions.HintedBox or "fits", box));
        await manager.SetViewportSizeAsync(390, 844);
        Assert.All(await manager.TableBoxesAsync(), box => Assert.True(box is PageActions.HintedBox or "fits", box));
    }
}
