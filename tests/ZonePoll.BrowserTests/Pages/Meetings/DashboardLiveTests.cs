using Microsoft.Playwright;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>
/// The manager's open meeting page fetches itself again when the tally moves, spaced so a large room's saves do not
/// make it fetch several times a second: saves that come while it waits must still reach it.
/// </summary>
public class DashboardLiveTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task SaveOneAsync(IPage rep, string customer)
    {
        await rep.FillAsync("#row-0-name", customer);
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator(".alert[role=status]")).ToContainTextAsync("Saved 1 customer");
    }

    [Fact]
    public async Task SavesRightAfterEachOtherEachReachTheOpenMeetingPageWithoutAReload()
    {
        await using var laptop = await fixture.NewContextAsync();
        var (manager, invite, meetingUrl) = await laptop.ManagerWithMeetingAsync();
        List<IBrowserContext> phones = [];
        List<IPage> reps = [];
        try
        {
            foreach (var name in new[] { "Ana Early", "Ben Middle", "Cai Late" })
            {
                var phone = await fixture.NewContextAsync(390, 844);
                phones.Add(phone);
                reps.Add(await phone.RepWhoJoinedAsync(invite, name));
            }

            await manager.GotoAsync(meetingUrl);
            await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("0 of 3 reps in");
            // The page has joined the meeting's messages once it has asked what the projectors show.
            await Expect(manager.Locator("#dashboard-prompt")).ToContainTextAsync("The projectors show prompt");
            await manager.EvaluateAsync("() => { window.stillTheSamePage = true; }");

            // The page's first fetch is held two seconds, as a busy server's would be: the page then waits until five
            // seconds after it started, so the next save's message surely comes while it waits, and must be kept.
            var fetches = 0;
            await manager.RouteAsync(new Uri(meetingUrl).AbsolutePath, async route =>
            {
                if (Interlocked.Increment(ref fetches) == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }

                await route.ContinueAsync();
            });
            await SaveOneAsync(reps[0], "Müller GmbH");
            await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("1 of 3 reps in");
            await SaveOneAsync(reps[1], "Harbor Logistics");
            await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("2 of 3 reps in", new() { Timeout = 15_000 });
            await SaveOneAsync(reps[2], "Orchid Foods");
            await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("3 of 3 reps in", new() { Timeout = 15_000 });
            await Expect(manager.Locator("#submissions")).ToContainTextAsync("Cai Late");
            await Expect(manager.Locator("#zone-table")).ToContainTextAsync("Service Recovery");
            Assert.True(await manager.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }
        }
    }
}
