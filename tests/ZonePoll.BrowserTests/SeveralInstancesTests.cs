using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests;

/// <summary>
/// Two published instances, as behind a load balancer: one PostgreSQL database and one Redis (the throw-away ones
/// <c>./test.sh</c> starts), each instance on its own port.
/// </summary>
[Collection(SharedPublishedApp.Name)]
public class SeveralInstancesTests(PublishedAppFixture fixture, ITestOutputHelper output)
{
    [NeedsServicesFact(TestServices.PostgreSQL | TestServices.Redis)]
    public async Task ASaveOnOneInstanceReachesAProjectorOnTheOtherWhichAcceptsTheFirstInstancesCookie()
    {
        var database = TestDatabases.PostgresDatabase(Guid.NewGuid().ToString("n"));
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:ZonePoll"] = database,
            ["SignalR:Redis"] = TestDatabases.Redis,
        };
        var dll = Path.Combine(fixture.PublishFolder, "ZonePoll.Web.dll");
        try
        {
            await using var first = await AppProcess.StartAsync(dll, settings);
            await using var second = await AppProcess.StartAsync(dll, settings);

            // The manager signs up and creates the meeting on the first instance...
            await using var managerContext = await BrowserFixture.NewContextAsync(fixture.Browser, first.BaseAddress, 1920, 1080);
            var (_, invite, meetingUrl) = await managerContext.ManagerWithMeetingAsync();
            // ...and projects from the second. Cookies belong to the host, not the port (as behind one proxy), so the
            // browser sends the first instance's sign-in cookie to the second, which must accept it.
            var onSecond = second.BaseAddress + new Uri(meetingUrl).PathAndQuery.TrimStart('/');
            var projector = await managerContext.NewPageAsync();
            await projector.GotoAsync(onSecond + "/present");
            await Expect(projector).ToHaveURLAsync(onSecond + "/present");
            await Expect(projector.Locator("#live-status")).ToHaveTextAsync("Live");

            await using var repContext = await BrowserFixture.NewContextAsync(fixture.Browser, first.BaseAddress);
            var rep = await repContext.RepWhoJoinedAsync(invite, "Ravi Rep");
            await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("0 of 1 reps in");
            await rep.FillAsync("#row-0-name", "Acme Corp");
            await rep.CheckAsync("#row-0-zone-Surprises");
            var saved = Stopwatch.StartNew();
            await rep.ClickAsync("button:has-text('Save my customers')");

            await Expect(projector.Locator("#reps-in")).ToHaveTextAsync("1 of 1 reps in");
            output.WriteLine($"Save on instance 1 to the projector on instance 2: {saved.ElapsedMilliseconds} ms (click to text, browser included)");
            await using var tally = await projector.APIRequest.GetAsync(onSecond + "/tally.json");
            Assert.Equal(200, tally.Status);
            using var json = JsonDocument.Parse(await tally.BodyAsync());
            var surprises = json.RootElement.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "Surprises");
            Assert.Equal(1, surprises.GetProperty("count").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("participation").GetProperty("repsIn").GetInt32());
        }
        finally
        {
            TestDatabases.DropPostgresDatabase(database);
        }
    }
}
