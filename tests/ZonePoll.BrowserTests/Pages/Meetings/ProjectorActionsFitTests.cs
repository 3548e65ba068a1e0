using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>The Actions view and the strip under the bars on a full meeting room: every size, names on and off, nothing cut.</summary>
public class ProjectorActionsFitTests(DeployedBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<DeployedBrowserFixture>
{
    private const int Agreed = 30;
    private const int LastTime = 12;
    private const int LastTimeDone = 5;

    private static readonly (int Width, int Height)[] Screens = [(1920, 1080), (1366, 768), (1280, 720)];

    /// <summary>
    /// The 50-rep room of <see cref="ProjectorRoom"/> with 30 actions agreed today (long texts, customers, the longest
    /// prompt, some done or overdue) and 12 last time, 7 still open. The Actions view, the tally and each prompt with the
    /// strip fit each projector size with names off and on; the customer shows only with names on.
    /// </summary>
    [Fact]
    public async Task TheActionsViewAndStripFitEachProjectorSizeWithThirtyLongActionsWithNamesOnAndOff()
    {
        var room = await ProjectorRoom.SeedAsync(fixture.App);
        var customer = await SeedActionsAsync(fixture.App, room.MeetingId);
        await using var context = await room.ManagerContextAsync(fixture.Browser, fixture.BaseAddress, 1920, 1080);
        var projector = await context.NewPageAsync();
        await projector.GotoAsync($"/meetings/{room.MeetingId}/present");
        await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(projector.Locator("#actions-line")).ToHaveTextAsync(
            $"Actions: {Agreed} agreed, 3 done · Last time's actions: {LastTimeDone} of {LastTime} done");
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
                await projector.ClickAsync("#view-actions");
                await Expect(projector.Locator("#view-actions")).ToHaveAttributeAsync("aria-pressed", "true");
                await ProjectorLayout.AssertFitsAsync(projector, $"actions view, names {(names ? "on" : "off")}");
                // The newest first, and the rest counted rather than cut.
                await Expect(projector.Locator("#actions-list li").First).ToContainTextAsync($"Action {Agreed}:");
                await Expect(projector.Locator("#actions-list li.more")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+\d+ more$"));
                await Expect(projector.Locator("#actions-last-list li.more")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+\d+ more$"));
                await projector.ScreenshotAsync($"projector-actions-names-{(names ? "on" : "off")}-{width}x{height}", output);

                await projector.ClickAsync("#view-tally");
                await ProjectorLayout.AssertFitsAsync(projector, $"tally view with the actions strip, names {(names ? "on" : "off")}");
                await Expect(projector.Locator("#actions-line")).ToBeVisibleAsync();
                await projector.ClickAsync("#view-prompt");
                for (var prompt = 0; prompt < prompts; prompt++)
                {
                    await projector.ClickAsync("#prompt-next");
                    await Expect(projector.Locator("#actions-line")).ToBeVisibleAsync();
                    await ProjectorLayout.AssertFitsAsync(projector, $"prompt view with the strip, names {(names ? "on" : "off")}, prompt {prompt + 1}");
                }
            }

            await projector.ClickAsync("#view-actions");
            var newest = projector.Locator("#actions-list li").First.Locator(".action-meta");
            var open = projector.Locator("#actions-last-list li").First.Locator(".action-meta");
            if (names)
            {
                await Expect(newest).ToContainTextAsync(customer);
                await Expect(open).ToContainTextAsync(customer);
            }
            else
            {
                await Expect(newest).Not.ToContainTextAsync(customer);
                Assert.DoesNotContain(customer, await projector.Locator("#actions").InnerTextAsync(), StringComparison.Ordinal);
            }
        }

        // The README's pictures (docs/projector-actions.png and docs/projector-prompt-data.png are copies), at 1920x1080
        // on the room's public address: no loopback warning.
        await projector.SetViewportSizeAsync(1920, 1080);
        await Expect(projector.Locator("#loopback-warning")).ToHaveCountAsync(0);
        await projector.ClickAsync("#view-actions");
        await projector.Mouse.MoveAsync(0, 0);
        await ProjectorLayout.NextFramesAsync(projector);
        await projector.ScreenshotAsync("docs-projector-actions", output);
        await projector.ClickAsync("#view-prompt");
        // The second prompt asks about Service Recovery and brings up its customers.
        while (await projector.Locator("#prompt-position").InnerTextAsync() != $"2 of {prompts}")
        {
            await projector.ClickAsync("#prompt-next");
        }

        await Expect(projector.Locator("#prompt-data-heading")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^In Service Recovery"));
        await projector.Mouse.MoveAsync(0, 0);
        await ProjectorLayout.NextFramesAsync(projector);
        await projector.ScreenshotAsync("docs-projector-prompt-data", output);
        await projector.ClickAsync("#view-actions");
        await projector.AssertAccessibleAsync();
    }

    /// <summary>
    /// Writes the actions straight to the database, as <see cref="ProjectorRoom"/> writes its worksheets. Returns the
    /// customer the newest action of each meeting names.
    /// </summary>
    private static async Task<string> SeedActionsAsync(ZonePollFactory app, int meetingId)
    {
        var teamId = await app.WithDbAsync(async db =>
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            var earlier = await db.Meetings.SingleAsync(m => m.TeamId == meeting.TeamId && m.Id != meetingId);
            var owners = await db.TeamMembers.Where(m => m.TeamId == meeting.TeamId).Select(m => m.UserId).ToListAsync();
            var customers = await db.Customers.Where(c => c.TeamId == meeting.TeamId).OrderByDescending(c => c.Id).Select(c => c.Id).Take(Agreed).ToListAsync();
            var prompt = await db.MeetingPrompts.Where(p => p.MeetingId == meetingId).OrderBy(p => p.Position).Select(p => p.Id).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            MeetingAction Action(int agreedIn, int i, string what, DateOnly due, bool done) => new()
            {
                TeamId = earlier.TeamId,
                MeetingId = agreedIn,
                Text = what,
                OwnerId = owners[i % owners.Count],
                DueOn = due,
                // Every third names a customer; the last one always does.
                CustomerId = i % 3 == 0 ? customers[i % customers.Count] : null,
                PromptId = agreedIn == meetingId && i % 2 == 0 ? prompt : null,
                CreatedAt = now.AddMinutes(i),
                DoneOn = done ? due : null,
            };
            for (var i = 0; i < LastTime; i++)
            {
                // The open ones come first in the list, the customer-named one (i = 0) among them.
                db.MeetingActions.Add(Action(earlier.Id, i, LongText(i + 1, "last time"), new DateOnly(2026, 11, 5 + i), done: i >= LastTime - LastTimeDone));
            }

            for (var i = 0; i < Agreed; i++)
            {
                var action = Action(meetingId, i, LongText(i + 1, "today"), new DateOnly(2026, 11, 27).AddDays(i), done: i is 1 or 4 or 7);
                if (i == Agreed - 1)
                {
                    action.CustomerId = customers[0];
                }

                db.MeetingActions.Add(action);
            }

            await db.SaveChangesAsync();
            return meeting.TeamId;
        });
        await app.TalliesChangedAsync(teamId);
        return await app.WithDbAsync(db => db.Customers.Where(c => c.TeamId == teamId).OrderByDescending(c => c.Id).Select(c => c.Name).FirstAsync());
    }

    /// <summary>Up to the 300 characters an action may have, as a room would type them.</summary>
    private static string LongText(int number, string when)
    {
        var text = $"Action {number}: call the customer's operations manager about the delivery delay raised {when}, agree a date for the fix, "
            + "confirm it in writing, and tell the team at the next meeting what they said and whether the credit note went out";
        return number % 4 == 0 ? text[..40] : (text + " " + text)[..MeetingAction.TextMaxLength];
    }
}
