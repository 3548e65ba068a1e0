using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Pages.Teams;

/// <summary>Issue 23: renaming a team, its cadence, and the new meeting form proposing the next date and title from it.</summary>
public class TeamSettingsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient manager, int teamId, string? name, string? cadence)
    {
        var page = await manager.GetDocumentAsync($"/teams/{teamId}/settings");
        return await manager.SubmitAsync(page.Form("#team-settings"), new Dictionary<string, string?> { ["Input.Name"] = name, ["Input.Cadence"] = cadence });
    }

    [Fact]
    public async Task ManagerRenamesTheTeamAndSetsItsCadence()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);

        using var response = await SaveAsync(manager, team.TeamId, "  Sales West ", "Fortnightly");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => new { t.Name, t.Cadence }).SingleAsync());
        Assert.Equal(("Sales West", TeamCadence.Fortnightly), (saved.Name, saved.Cadence));
        var settings = await manager.GetDocumentAsync($"/teams/{team.TeamId}/settings");
        Assert.Equal("Fortnightly", settings.QuerySelector<IHtmlSelectElement>("#Input_Cadence")!.Value);
        // The projector's header names the team: the tally moved with the name.
        using var tally = await manager.GetAsync($"/meetings/{team.MeetingId}/tally.json");
        Assert.Contains("Sales West", await tally.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Monthly", "Input.Name", "Give the team a name")]
    [InlineData("Sales\u202EWest", "Monthly", "Input.Name", "direction of the text")]
    [InlineData("Sales West", "1", "Input.Cadence", "Pick how often the team meets")]
    [InlineData("Sales West", "Daily", "Input.Cadence", "Pick how often the team meets")]
    public async Task AWrongNameOrCadenceIsRefusedBesideItsFieldWithTheNameKept(string name, string cadence, string field, string message)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);

        using var response = await SaveAsync(manager, team.TeamId, name, cadence);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains(message, shown.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, shown.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("Sales North", await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.Name).SingleAsync()));
    }

    [Fact]
    public async Task ARepCannotChangeTheTeamsSettings()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var token = (await rep.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var page = await rep.GetAsync($"/teams/{team.TeamId}/settings");
        using var post = await rep.PostAsync($"/teams/{team.TeamId}/settings", new FormUrlEncodedContent(
            [new("Input.Name", "Rep's team"), new("Input.Cadence", "Weekly"), new("__RequestVerificationToken", token)]));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, post.StatusCode));
        Assert.Equal("Sales North", await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("Weekly", "2026-12-03")]
    [InlineData("Fortnightly", "2026-12-10")]
    [InlineData("Monthly", "2026-12-26")]
    public async Task TheNewMeetingFormProposesTheNextDateFromTheCadenceAndATitleFromTheTeamAndDate(string cadence, string expected)
    {
        // The team's latest meeting is Thursday 26 November; today is Thursday 3 December.
        var team = await factory.CreateTeamAsync(reps: 0);
        await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Cadence, Enum.Parse<TeamCadence>(cadence))));
        using var app = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)))));
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        manager.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);

        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        Assert.Equal(expected, page.QuerySelector<IHtmlInputElement>("#Input_Date")!.Value);
        var day = DateOnly.ParseExact(expected, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Sales North · {day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
            page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
    }

    [Fact]
    public async Task ANewMeetingOnTheDayOfAnotherIsRefusedBesideTheDate()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(
            page.Form(), new Dictionary<string, string?> { ["Input.Title"] = "Twice", ["Input.Date"] = "2026-11-26" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("\"November meeting\" is already on 26 November 2026", shown.QuerySelector("[data-valmsg-for='Input.Date']")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("Twice", shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
    }

    [Theory]
    [InlineData(null, "Monthly", "2026-12-03", "2026-12-03")]
    [InlineData("2026-01-31", "Monthly", "2026-02-01", "2026-02-28")]
    [InlineData("2026-11-26", "Weekly", "2026-11-27", "2026-12-03")]
    [InlineData("2001-05-10", "Monthly", "2026-12-03", "2026-12-10")]
    [InlineData("2001-05-10", "Fortnightly", "2026-12-03", "2026-12-03")]
    [InlineData("2026-11-26", "Fortnightly", "2027-03-01", "2027-03-04")]
    public void TheNextMeetingIsOneStepOnAndNeverBeforeToday(string? latest, string cadence, string today, string expected)
    {
        var parse = (string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(parse(expected), TeamCadences.NextMeeting(latest is null ? null : parse(latest), Enum.Parse<TeamCadence>(cadence), parse(today)));
    }

    [Fact]
    public void AProposedTitleKeepsToTheLengthByShorteningTheTeamsName()
    {
        var title = TeamCadences.TitleFor(new string('n', 80), new DateOnly(2026, 12, 26), 40);
        Assert.Equal(40, title.Length);
        Assert.EndsWith(" · 26 December 2026", title, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
