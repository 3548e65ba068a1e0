using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Chat;

namespace ZonePoll.Tests.Chat;

/// <summary>
/// The webhook can't turn the server against its own network: with the app's default settings (as in Production), a
/// private, loopback, link-local, unique-local, shared or multicast address is refused beside the field, and refused
/// again at send time however the name resolves by then.
/// </summary>
public sealed class WebhookAddressTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("https://10.1.2.3/hook", "private or local address (10.1.2.3)")]
    [InlineData("https://127.0.0.1/hook", "private or local address (127.0.0.1)")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private or local address (169.254.169.254)")]
    [InlineData("https://[::1]/hook", "private or local address (::1)")]
    [InlineData("https://[fd00::1]/hook", "private or local address (fd00::1)")]
    [InlineData("https://100.64.0.1/hook", "private or local address (100.64.0.1)")]
    [InlineData("https://[::ffff:192.168.1.1]/hook", "private or local address")]
    [InlineData("https://localhost/hook", "private or local address")]
    [InlineData("http://hooks.example.com/hook", "must start https://")]
    [InlineData("hooks.slack.com/services/x", "not a web address")]
    [InlineData("https://user:pw@hooks.example.com/hook", "Leave the name and password out")]
    public async Task AnAddressTheServerMustNotPostToIsRefusedBesideTheFieldKeepingWhatWasTyped(string typed, string error)
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);

        var document = await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat");
        using var response = await manager.SubmitAsync(document.Form("#chat-settings"), new Dictionary<string, string?>
        {
            ["Input.WebhookUrl"] = typed,
            ["Input.NamesOn"] = "true",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var field = page.QuerySelector<IHtmlInputElement>("#Input_WebhookUrl")!;
        Assert.Equal(typed, field.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_NamesOn")!.IsChecked);
        var message = field.ParentElement!.QuerySelector("[data-valmsg-for='Input.WebhookUrl']")!.TextContent;
        Assert.Contains(error, message, StringComparison.Ordinal);
        Assert.Null(await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.ChatWebhook).SingleAsync()));
    }

    [Fact]
    public async Task AtSendTimeANameThatNowResolvesToThisMachineIsRefusedBeforeConnecting()
    {
        // As after DNS rebinding: the address was checked when saved, and now points at the server itself.
        await using var listener = await WebhookListener.StartAsync();
        var port = new Uri(listener.BaseAddress).Port;
        var poster = _factory.Services.GetRequiredService<ChatPoster>();

        var byName = await poster.PostAsync(new Uri($"http://localhost:{port}/hook"), "hello", CancellationToken.None);
        var byAddress = await poster.PostAsync(new Uri($"http://127.0.0.1:{port}/hook"), "hello", CancellationToken.None);

        Assert.Null(byName.Status);
        Assert.StartsWith("Refused: localhost is a private or local address", byName.Error, StringComparison.Ordinal);
        Assert.StartsWith("Refused: 127.0.0.1 is a private or local address", byAddress.Error, StringComparison.Ordinal);
        Assert.Empty(listener.Posts);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.16.5.4", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.10", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("224.0.0.251", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("64:ff9b::a00:1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2606:4700:4700::1111", false)]
    public void OnlyAddressesOnThePublicInternetMayBePostedTo(string address, bool refused) =>
        Assert.Equal(refused, WebhookAddress.IsRefused(IPAddress.Parse(address)));
}
