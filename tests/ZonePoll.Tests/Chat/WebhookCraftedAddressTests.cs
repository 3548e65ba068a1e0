using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Chat;

/// <summary>
/// Crafted webhook addresses, with the app's default (Production) settings: other spellings of this machine's and the
/// private network's addresses are refused like the plain ones, and an address is judged at the length it is kept.
/// </summary>
public sealed class WebhookCraftedAddressTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0177.0.0.1/hook")]
    [InlineData("https://0x7f.0.0.1/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://0/hook")]
    [InlineData("https://[::ffff:7f00:1]/hook")]
    [InlineData("https://[0:0:0:0:0:ffff:169.254.169.254]/latest")]
    [InlineData("https://[::127.0.0.1]/hook")]
    [InlineData("https://[fe80::1%25eth0]/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://8.8.8.8@127.0.0.1/hook")]
    public async Task AnotherSpellingOfAPrivateOrLocalAddressIsRefusedBesideTheField(string typed)
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);

        using var response = await SaveAsync(manager, team.TeamId, typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.WebhookUrl']")!.TextContent.Trim());
        Assert.Null(await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.ChatWebhook).SingleAsync()));
    }

    [Fact]
    public async Task AnAddressLongerThanTheLimitOnceEscapedIsRefusedBesideTheFieldNotSavedPastItsColumn()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        // 1,016 characters as typed, but each é is kept as %C3%A9: 6,016 once escaped, and far more encrypted.
        var typed = "https://8.8.8.8/" + new string('é', 1000);

        using var response = await SaveAsync(manager, team.TeamId, typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal(typed, page.QuerySelector<IHtmlInputElement>("#Input_WebhookUrl")!.Value);
        Assert.Contains("at most", page.QuerySelector("[data-valmsg-for='Input.WebhookUrl']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.ChatWebhook).SingleAsync()));
    }

    [Fact]
    public async Task AHostNameLongerThanAnyNameCanBeIsRefusedBesideTheField()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        var typed = "https://" + string.Concat(Enumerable.Repeat(new string('a', 60) + ".", 5)) + "example.com/hook";

        using var response = await SaveAsync(manager, team.TeamId, typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("was not found", page.QuerySelector("[data-valmsg-for='Input.WebhookUrl']")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient manager, int teamId, string typed)
    {
        var document = await manager.GetDocumentAsync($"/teams/{teamId}/chat");
        return await manager.SubmitAsync(document.Form("#chat-settings"), new Dictionary<string, string?>
        {
            ["Input.WebhookUrl"] = typed,
        });
    }
}
