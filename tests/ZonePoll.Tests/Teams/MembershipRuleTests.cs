using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Teams;

/// <summary>
/// Walks the app's own endpoint list, so a route added tomorrow is checked without anyone remembering to list it.
/// </summary>
public partial class MembershipRuleTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private sealed record Route(string Pattern, string Method, MembershipRuleAttribute? Rule);

    private List<Route> RoutesNamingAMeetingOrTeam()
    {
        using var warmUp = factory.CreateAnonymousClient();
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name is "id" or "teamId" or "followUpId"))
            .Select(e => new Route(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods.Count: > 0 } methods ? methods.HttpMethods[0] : HttpMethods.Get,
                e.Metadata.GetMetadata<MembershipRuleAttribute>()))
            .DistinctBy(r => r.Pattern)
            .ToList();
    }

    private static string Fill(string pattern, int meetingId, int teamId, int customerId, int followUpId) =>
        RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "id" => meetingId.ToString(CultureInfo.InvariantCulture),
            "teamId" => teamId.ToString(CultureInfo.InvariantCulture),
            "customerId" => customerId.ToString(CultureInfo.InvariantCulture),
            "followUpId" => followUpId.ToString(CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"Give {pattern} a sample value for {{{other}}} here."),
        });

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public void EveryRouteThatNamesAMeetingOrTeamHasAMembershipRule()
    {
        var routes = RoutesNamingAMeetingOrTeam();

        Assert.True(routes.Count >= 8, $"Expected the meeting and team routes, found {routes.Count}.");
        Assert.All(routes, r =>
        {
            Assert.True(r.Rule is not null, $"{r.Pattern} has no [ForMeetingMembers] or [ForTeamMembers] rule.");
            Assert.Contains($"{{{r.Rule!.RouteValue}", r.Pattern, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EveryRouteAnswersEachKindOfCallerAsItsRuleSays()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var elsewhere = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        // A customer on the rep's own list, whose history the rep may see.
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Walk Co", "Recovery", "Standard", null));
        var customerId = await factory.WithDbAsync(db => Task.FromResult(db.Customers.Single(c => c.TeamId == team.TeamId).Id));
        // In Recovery, so the rep owns its follow-up.
        var followUpId = await factory.WithDbAsync(db => Task.FromResult(db.FollowUps.Single(f => f.TeamId == team.TeamId).Id));
        var callers = new (string Name, HttpClient Client, TeamRole? Role)[]
        {
            ("stranger", factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider")), null),
            ("rep of another team", factory.CreateClientFor(elsewhere.RepIds[0]), null),
            ("manager of another team", factory.CreateClientFor(elsewhere.ManagerId), null),
            ("rep", factory.CreateClientFor(team.RepIds[0]), TeamRole.Rep),
            ("manager", factory.CreateClientFor(team.ManagerId), TeamRole.Manager),
        };
        var anonymous = factory.CreateAnonymousClient();
        var failures = new List<string>();

        foreach (var route in RoutesNamingAMeetingOrTeam())
        {
            Assert.True(route.Method == HttpMethods.Get, $"{route.Pattern} answers {route.Method}: teach this test to call it.");
            var url = Fill(route.Pattern, team.MeetingId, team.TeamId, customerId, followUpId);
            var missing = Fill(route.Pattern, 999_999, 999_999, 999_999, 999_999);

            foreach (var (name, client, role) in callers)
            {
                var expected = (HttpStatusCode)route.Rule!.StatusFor(role);
                using var response = await client.GetAsync(url);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{url} as {name}: {(int)response.StatusCode}, expected {(int)expected}");
                }

                var body = await response.Content.ReadAsStringAsync();
                if (role is null && (body.Contains("Sales North", StringComparison.Ordinal) || body.Contains("November meeting", StringComparison.Ordinal)))
                {
                    failures.Add($"{url} as {name}: the answer names the team or meeting");
                }

                using var absent = await client.GetAsync(missing);
                if (absent.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{missing} as {name}: {(int)absent.StatusCode}, expected 404");
                }
            }

            using var asBrowser = new HttpRequestMessage(HttpMethod.Get, url);
            asBrowser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
            using var browser = await anonymous.SendAsync(asBrowser);
            if (browser.StatusCode != HttpStatusCode.Redirect || browser.Headers.Location?.PathAndQuery.StartsWith("/Identity/Account/Login",
                StringComparison.Ordinal) != true)
            {
                failures.Add($"{url} signed out in a browser: {(int)browser.StatusCode} {browser.Headers.Location}, expected a redirect to sign in");
            }

            using var asScript = new HttpRequestMessage(HttpMethod.Get, url);
            asScript.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var script = await anonymous.SendAsync(asScript);
            if (script.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{url} signed out from a script: {(int)script.StatusCode}, expected 401");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("handout.pdf")]
    [InlineData("entries.csv")]
    [InlineData("tally.json")]
    public async Task ASignedOutPersonFollowingADownloadLinkSignsInAndIsSentBackToIt(string file)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var link = $"/meetings/{team.MeetingId}/{file}";
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await factory.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var signIn = response.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/Identity/Account/Login", signIn, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(link), signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonMemberCannotPostToAnotherTeamsWorksheetOrMeeting()
    {
        var team = await factory.CreateTeamAsync();
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider"));
        // Any page of the outsider's own gives a valid antiforgery token for their session.
        var ownPage = await outsider.GetDocumentAsync("/teams/new");
        var form = ownPage.Form();

        using var worksheet = await outsider.PostAsync($"/meetings/{team.MeetingId}/worksheet", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Rows[0].Name"] = "Injected",
            ["Rows[0].Zone"] = "Recovery",
        }));
        using var status = await outsider.PostAsync($"/meetings/{team.MeetingId}?handler=Status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["status"] = "Locked",
        }));

        Assert.Equal(HttpStatusCode.NotFound, worksheet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        // This meeting's own rows only: other tests of the class save to the same database.
        var (worksheets, meetingStatus) = await factory.WithDbAsync(async db => (
            await db.Worksheets.CountAsync(w => w.MeetingId == team.MeetingId),
            await db.Meetings.Where(m => m.Id == team.MeetingId).Select(m => m.Status).SingleAsync()));
        Assert.Equal((0, MeetingStatus.Open), (worksheets, meetingStatus));
    }
}
