using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests;

public class JourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly (string Name, string Zone, string Type, string Note)[] Customers =
    [
        ("Müller GmbH", "Recovery", "Key", "Two late deliveries; called them."),
        ("Zoë's Bakery", "Surprises", "New", "Loved the same-day install."),
        ("日本商事", "Surprises", "Key", ""),
        ("Harbor Logistics", "Expectations", "Growth", ""),
        ("Acme Corp", "Expectations", "Standard", ""),
        ("Blue River Clinic", "Recovery", "Growth", "Invoice errors."),
        ("Northgate School", "Expectations", "Standard", ""),
        ("Pine & Co", "Surprises", "Growth", ""),
        ("Sunrise Hotels", "Expectations", "Key", "Wants a quarterly review."),
        ("Lakeside Dental", "Recovery", "New", "Slow onboarding."),
    ];

    [Fact]
    public async Task ManagerSetsUpATeamARepJoinsByInviteFillsTenCustomersAndTheManagerSeesIt()
    {
        // The manager registers, creates a team and a meeting.
        await using var managerContext = await fixture.NewContextAsync();
        var manager = await managerContext.NewPageAsync();
        await manager.GotoAsync("/Identity/Account/Register");
        await manager.RegisterAsync("Maria Manager", $"maria-{Guid.NewGuid():n}@example.com");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("My meetings");
        await manager.AssertAccessibleAsync();
        await manager.ClickAsync("nav >> text=New team");
        await manager.FillAsync("#Name", "Sales North");
        await manager.ClickAsync("button:has-text('Create team')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("Sales North");
        await manager.AssertAccessibleAsync();
        var invite = await manager.InputValueAsync("#invite-url");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "November meeting");
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("November meeting");
        await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("0 of 0 reps in");
        await manager.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // A rep opens the invite on a phone, registers on the way, and joins.
        await using var repContext = await fixture.NewContextAsync(width: 390, height: 844);
        var rep = await repContext.NewPageAsync();
        await rep.GotoAsync(invite);
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("text=Create an account");
        await rep.RegisterAsync("Ravi Rep", $"ravi-{Guid.NewGuid():n}@example.com");
        // Registering from the invite joins the team and opens the open meeting's worksheet in one step.
        await rep.WaitForURLAsync("**/worksheet");

        // Ten customers, on a phone-width screen that never scrolls sideways.
        for (var i = 0; i < Customers.Length; i++)
        {
            var (name, zone, type, note) = Customers[i];
            await rep.FillAsync($"#row-{i}-name", name);
            await rep.CheckAsync($"#row-{i}-zone-{zone}");
            await rep.SelectOptionAsync($"#row-{i}-type", type);
            await rep.FillAsync($"#row-{i}-note", note);
        }

        Assert.True(
            await rep.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The worksheet scrolls sideways on a phone.");
        await rep.ScreenshotAsync("worksheet-phone", output);
        await rep.AssertAccessibleAsync();
        await rep.ClickAsync("button:has-text('Save my customers')");
        await Expect(rep.Locator(".alert[role=status]")).ToContainTextAsync("Saved 10 customers");
        await Expect(rep.Locator("#row-2-name")).ToHaveValueAsync("日本商事");

        // The manager's open meeting page shows the submission without a reload.
        await Expect(manager.Locator("#reps-in")).ToHaveTextAsync("1 of 1 reps in");
        await Expect(manager.Locator("#submissions")).ToContainTextAsync("Ravi Rep");
        await Expect(manager.Locator("#zone-table")).ToContainTextAsync("Service Recovery");
        Assert.True(await manager.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await manager.ScreenshotAsync("meeting-page", output);
        await manager.AssertAccessibleAsync();

        // And takes the handout away.
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.ClickAsync("#handout-link"));
        Assert.Matches(@"^zonepoll-sales-north-\d{4}-\d\d-\d\d-handout\.pdf$", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var head = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
    }

    [Fact]
    public async Task AWorksheetErrorKeepsEverythingTheRepTyped()
    {
        await using var context = await fixture.NewContextAsync();
        var (_, invite, _) = await context.ManagerWithMeetingAsync();
        await using var repContext = await fixture.NewContextAsync();
        var rep = await repContext.RepWhoJoinedAsync(invite, "Rita Rep");
        await rep.FillAsync("#row-0-name", "Acme Corp");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.FillAsync("#row-1-name", "No Zone Ltd");
        await rep.FillAsync("#row-1-note", "forgot the zone");

        await rep.ClickAsync("button:has-text('Save my customers')");

        await Expect(rep.Locator("#row-1 .field-validation-error")).ToContainTextAsync("Choose a zone for No Zone Ltd");
        await Expect(rep.Locator("#row-0-name")).ToHaveValueAsync("Acme Corp");
        await Expect(rep.Locator("#row-0-zone-Surprises")).ToBeCheckedAsync();
        await Expect(rep.Locator("#row-1-note")).ToHaveValueAsync("forgot the zone");
        await rep.ScreenshotAsync("worksheet-error", output);
        await rep.AssertAccessibleAsync();
    }
}
