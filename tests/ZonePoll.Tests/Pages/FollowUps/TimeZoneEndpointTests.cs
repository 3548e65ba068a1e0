using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;

namespace ZonePoll.Tests.Pages.FollowUps;

/// <summary>The browser reports its time zone to /account/time-zone; dates and times then show in it.</summary>
public class TimeZoneEndpointTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private const string Endpoint = "/account/time-zone";

    private Task<string?> StoredAsync(string userId) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync());

    /// <summary>The antiforgery token the layout hands timezone.js, with its cookie now in the client.</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/");
        return page.QuerySelector("script[data-token]")!.GetAttribute("data-token")!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? timeZone, string? token)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (timeZone is not null)
        {
            fields.Add(new("timeZone", timeZone));
        }

        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(Endpoint, content);
    }

    [Fact]
    public async Task AKnownZoneIsStoredAndTheBrowserIsToldItNeedNotSayItAgain()
    {
        var user = await factory.CreateUserAsync("Nina New York");
        var client = factory.CreateClientFor(user);
        Assert.Equal(user, (await client.GetDocumentAsync("/")).QuerySelector("script[data-token]")!.GetAttribute("data-user"));

        using var response = await PostAsync(client, "America/New_York", await TokenAsync(client));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("America/New_York", await StoredAsync(user));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("zonepoll_tz=", StringComparison.Ordinal));
        Assert.StartsWith($"zonepoll_tz={Uri.EscapeDataString($"{user} America/New_York")};", cookie);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("America/New_York\u0007")]
    [InlineData("")]
    [InlineData(null)]
    public async Task JunkIsRefused400AndTheStoredZoneKept(string? junk)
    {
        var user = await factory.CreateUserAsync("Junk Sender");
        var client = factory.CreateClientFor(user);
        var token = await TokenAsync(client);
        using (var stored = await PostAsync(client, "Europe/Berlin", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        using var response = await PostAsync(client, junk, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Europe/Berlin", await StoredAsync(user));
    }

    [Fact]
    public async Task AZoneLongerThanTheColumnIsRefused400()
    {
        var user = await factory.CreateUserAsync("Long Zone");
        var client = factory.CreateClientFor(user);

        using var response = await PostAsync(client, "America/" + new string('x', 200), await TokenAsync(client));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await StoredAsync(user));
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedAndStoresNothing()
    {
        var user = await factory.CreateUserAsync("No Token");
        var client = factory.CreateClientFor(user);
        await TokenAsync(client);

        using var response = await PostAsync(client, "America/New_York", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await StoredAsync(user));
    }

    [Fact]
    public async Task ASignedOutPostIsSentToSignInAndAGetIsNotAPage()
    {
        using var signedOut = await PostAsync(factory.CreateAnonymousClient(), "America/New_York", token: null);
        Assert.True(signedOut.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, signedOut.StatusCode.ToString());
        if (signedOut.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Identity/Account/Login", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using var get = await factory.CreateClientFor(await factory.CreateUserAsync("Getter")).GetAsync(Endpoint);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task TheFollowUpPagesHistoryShowsTimesInTheStoredZoneAndUtcWithoutOne()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"));
        var id = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.Id).SingleAsync());
        var followUpForm = (await rep.GetDocumentAsync($"/followups/{id}")).Form("#followup-form");
        using (var ticked = await rep.SubmitAsync(followUpForm, new Dictionary<string, string?> { ["Steps[0].Note"] = "Called" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        }

        var followUp = await factory.WithDbAsync(db => db.FollowUps.AsNoTracking().Include(f => f.History).SingleAsync(f => f.Id == id));
        var at = Assert.Single(followUp.History).At;

        var utc = await rep.GetDocumentAsync($"/followups/{followUp.Id}");
        Assert.Equal(at.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC", utc.QuerySelector("#history time")!.TextContent);
        Assert.Contains("Times in UTC", utc.QuerySelector("#time-zone-note")!.TextContent, StringComparison.Ordinal);

        using (var stored = await PostAsync(rep, "America/New_York", await TokenAsync(rep)))
        {
            Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        }

        var local = await rep.GetDocumentAsync($"/followups/{followUp.Id}");
        var newYork = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        // -05:00 in winter, -04:00 in summer: the offset of that instant, not of today.
        var expected = newYork.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)
            + " UTC-" + newYork.Offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        Assert.Equal(expected, local.QuerySelector("#history time")!.TextContent);
        Assert.Contains("America/New_York", local.QuerySelector("#time-zone-note")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(FollowUpCause.Recovery, followUp.Cause);
    }
}
