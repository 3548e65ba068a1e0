using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Chat;

/// <summary>
/// A webhook whose server answers with a body that never ends, or one cut off part way: the poster reads only the start
/// of an answer, as it says, and a broken answer is a failed post, not an error page.
/// </summary>
public sealed class HostileWebhookTests : IAsyncLifetime, IDisposable
{
    private readonly ChatFactory _factory = new();
    private WebApplication _server = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost("/endless", async (HttpContext context) =>
        {
            // Headers and the start at once, then more for as long as the caller keeps reading.
            await context.Response.WriteAsync("start of an endless reply ", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var more = new string('x', 64 * 1024);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(more, context.RequestAborted);
            }
        });
        _server.MapPost("/cut", async (HttpContext context) =>
        {
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync("start of a reply cut off", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        });
        await _server.StartAsync();
        _address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ATestAgainstAnEndlessReplyShowsItsStartWithoutWaitingForItsEnd()
    {
        var reply = await TestAsync("/endless");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("HTTP 200: start of an endless reply", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATestAgainstAReplyCutOffPartWayIsShownAsAFailureBesideTheButton()
    {
        var reply = await TestAsync("/cut");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotEmpty(reply.Text);
    }

    private async Task<(HttpStatusCode Status, string Text)> TestAsync(string path)
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        using var saved = await TeamChatTests.SaveWebhookAsync(manager, team.TeamId, _address + path);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var document = await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat");
        using var response = await manager.SubmitAsync(document.Form("#chat-test"));
        var page = await HtmlForms.ParseAsync(response);
        return (response.StatusCode, page.QuerySelector("#test-reply")?.TextContent.Trim() ?? "");
    }
}
