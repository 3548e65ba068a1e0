using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: the team's time zone, which the reminders and digests keep to, set on the team's settings page.</summary>
public sealed class TeamTimeZoneTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient manager, int teamId, string? zone)
    {
        var page = await manager.GetDocumentAsync($"/teams/{teamId}/settings");
        return await manager.SubmitAsync(page.Form("#team-settings"), new Dictionary<string, string?> { ["Input.TimeZone"] = zone });
    }

    private Task<string> StoredAsync(int teamId) => factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.TimeZone).SingleAsync());

    [Fact]
    public async Task ANewTeamWorksInUtcAndItsManagerPicksEuropeBerlinFromTheOfferedZones()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/settings");
        Assert.Equal("UTC", page.QuerySelector<IHtmlInputElement>("#Input_TimeZone")!.Value);
        Assert.Contains(page.QuerySelectorAll("#time-zones option"), o => o.GetAttribute("value") == "Europe/Berlin");

        using var response = await SaveAsync(manager, team.TeamId, " Europe/Berlin ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Europe/Berlin", await StoredAsync(team.TeamId));
        var again = await manager.GetDocumentAsync($"/teams/{team.TeamId}/settings");
        Assert.Equal("Europe/Berlin", again.QuerySelector<IHtmlInputElement>("#Input_TimeZone")!.Value);
    }

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("Berlin")]
    [InlineData("../../etc/passwd")]
    [InlineData("Etc/GMT+99")]
    public async Task AZoneTheServerDoesNotKnowIsRefusedBesideTheFieldWithWhatWasTypedKept(string zone)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);

        using var response = await SaveAsync(manager, team.TeamId, zone);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("not a time zone this server knows", shown.QuerySelector("[data-valmsg-for='Input.TimeZone']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(zone.Trim(), shown.QuerySelector<IHtmlInputElement>("#Input_TimeZone")!.Value.Trim());
        Assert.Equal("UTC", await StoredAsync(team.TeamId));
    }

    [Fact]
    public async Task ABlankZoneIsUtc()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        (await SaveAsync(manager, team.TeamId, "Asia/Tokyo")).Dispose();

        using var response = await SaveAsync(manager, team.TeamId, "");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("UTC", await StoredAsync(team.TeamId));
    }
}
