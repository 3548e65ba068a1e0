using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ZonePoll.Tests.Pages.Teams;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// Forms that follow a posted return address (a tick on the team's actions page, signing in, registering). Kestrel
/// refuses to send a header with a character outside ASCII, which the test server lets through, so this runs on
/// Kestrel itself: a crafted address must not turn a saved form into an error page.
/// </summary>
public sealed class ReturnUrlOnKestrelTests : IDisposable
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

    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    public async Task SigningInOrRegisteringWithAReturnUrlNoHeaderCanCarryLandsOnTheHomePage(string form)
    {
        _factory.StartServer();
        var email = $"{Guid.NewGuid():n}@example.com";
        if (form.EndsWith("Login", StringComparison.Ordinal))
        {
            using var registering = NewClient();
            using var registered = await registering.SubmitAsync(
                (await registering.GetDocumentAsync("/Identity/Account/Register")).Form(), Account(email, register: true));
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        using var client = NewClient();
        var page = await client.GetDocumentAsync($"{form}?ReturnUrl={Uri.EscapeDataString("/café")}");

        using var response = await client.SubmitAsync(page.Form(), Account(email, register: !form.EndsWith("Login", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _factory.ClientOptions.BaseAddress };

    private static Dictionary<string, string?> Account(string email, bool register) => register
        ? new()
        {
            ["Input.DisplayName"] = "Rita Rep",
            ["Input.Email"] = email,
            ["Input.Password"] = "a long passphrase",
            ["Input.ConfirmPassword"] = "a long passphrase",
        }
        : new() { ["Input.Email"] = email, ["Input.Password"] = "a long passphrase" };
}
