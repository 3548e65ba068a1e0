using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Tests.Pages.Teams;

namespace ZonePoll.Tests.Meetings;

/// <summary>
/// The team's actions page follows a local <c>returnUrl</c> after a tick. Kestrel refuses to send a header with a
/// character outside ASCII, which the test server lets through, so this runs on Kestrel itself.
/// </summary>
public sealed class ActionReturnUrlOnKestrelTests : IDisposable
{
    private sealed class KestrelFactory : ZonePollFactory
    {
        public KestrelFactory() => UseKestrel(0);
    }

    private readonly KestrelFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/caf\u00e9")]
    [InlineData("/\u202E/")]
    public async Task AReturnUrlThatNoHeaderCanCarryGoesBackToTheTeamsActionsNotToAnErrorPage(string returnUrl)
    {
        _factory.StartServer();
        var team = await _factory.CreateTeamAsync(reps: 1);
        var action = await SeededActions.AddAsync(_factory, team.MeetingId, "Call Harbor", team.ManagerId, SeededActions.Today.AddDays(2));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _factory.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);
        var token = (await client.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent(
        [
            new("actionId", action.ToString(CultureInfo.InvariantCulture)),
            new("done", "true"),
            new("returnUrl", returnUrl),
            new("__RequestVerificationToken", token),
        ]);

        using var response = await client.PostAsync($"/teams/{team.TeamId}/actions?handler=Done", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/teams/{team.TeamId}/actions", response.Headers.Location!.OriginalString);
        Assert.Equal(SeededActions.Today, await SeededActions.DoneOnAsync(_factory, action));
    }
}
