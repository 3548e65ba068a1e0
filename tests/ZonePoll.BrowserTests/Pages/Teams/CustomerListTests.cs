using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Teams;

public class CustomerListTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ARepOnAPhoneFiltersTheirCustomersGoesBackAndFollowsANameToItsHistory()
    {
        await using var managerContext = await fixture.NewContextAsync(1280, 720);
        var (manager, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
        var meetingId = int.Parse(new Uri(meetingUrl).Segments[^1].Trim('/'), CultureInfo.InvariantCulture);
        var teamId = await fixture.App.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.TeamId).SingleAsync());
        var listUrl = $"/teams/{teamId}/customers";
        await using var phoneContext = await fixture.NewContextAsync(390, 844);
        var rep = await phoneContext.RepWhoJoinedAsync(invite, "Priya Phone");
        await rep.FillAsync("#row-0-name", "Müller GmbH");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-0-note", "Two late deliveries");
        await rep.FillAsync("#row-1-name", "Harbor Logistics");
        await rep.CheckAsync("#row-1-zone-Expectations");
        await rep.FillAsync("#row-2-name", "Café Noir");
        await rep.CheckAsync("#row-2-zone-Surprises");
        await rep.ClickAsync("button:has-text('Save my customers')");

        await rep.GotoAsync(listUrl);
        await Expect(rep.Locator("#result-count")).ToHaveTextAsync("3 customers");
        await rep.FillAsync("#filter-q", "MULLER");
        await rep.SelectOptionAsync("#filter-zone", "Recovery");
        await rep.ClickAsync("#customer-filters button[type=submit]");

        await Expect(rep).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=MULLER.*zone=Recovery"));
        await Expect(rep.Locator("#result-count")).ToHaveTextAsync("1 customer matches");
        var card = rep.Locator("#customer-list .customer-card");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".zone-history [role=img]")).ToHaveAttributeAsync("aria-label", "Service Recovery at November meeting");
        await Expect(card.Locator(".customer-note")).ToContainTextAsync("Two late deliveries");
        await Expect(card.Locator(".customer-followup a")).ToContainTextAsync("Next: Clarify");
        // Nothing wider than the phone: no sideways scrolling to read a card.
        Assert.True(await rep.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await rep.ScreenshotAsync("customer-list-phone", output);
        await rep.AssertAccessibleAsync();

        await rep.GoBackAsync();
        await Expect(rep.Locator("#result-count")).ToHaveTextAsync("3 customers");
        await rep.GoForwardAsync();
        await Expect(rep.Locator("#filter-q")).ToHaveValueAsync("MULLER");

        await card.Locator(".customer-name a").ClickAsync();
        await Expect(rep.Locator("h1")).ToHaveTextAsync("Müller GmbH");
        await Expect(rep.Locator("#history-table")).ToContainTextAsync("Follow-up opened: placed in Service Recovery");
        await rep.ScreenshotAsync("customer-history-phone", output);
        await rep.AssertAccessibleAsync();

        await manager.GotoAsync($"/teams/{teamId}");
        await manager.ClickAsync("#customers-link");
        await manager.CheckAsync("#filter-open");
        await manager.SelectOptionAsync("#filter-sort", "Zone");
        await manager.ClickAsync("#customer-filters button[type=submit]");
        await Expect(manager.Locator("#result-count")).ToHaveTextAsync("1 customer matches");
        await Expect(manager.Locator("#customer-list .customer-reps")).ToContainTextAsync("Priya Phone");
        await manager.ScreenshotAsync("customer-list-laptop", output);
        await manager.AssertAccessibleAsync();
    }
}
