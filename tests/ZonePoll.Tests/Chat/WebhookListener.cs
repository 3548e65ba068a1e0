using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZonePoll.Tests.Chat;

/// <summary>
/// A chat service's incoming webhook, as far as ZonePoll can tell: Kestrel on 127.0.0.1 over plain http (the app is told
/// to allow both with Chat:AllowPrivateAddresses and Chat:AllowHttp, which it refuses in Production), keeping the
/// "text" of each post by path and answering with <see cref="Status"/> and <see cref="Body"/>.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Text)> _posts = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookListener(WebApplication app) => _app = app;

    public int Status { get; set; } = 200;
    public string Body { get; set; } = "ok";

    public string BaseAddress { get; private set; } = "";

    /// <summary>An address on this listener; a different <paramref name="path"/> per team tells their posts apart.</summary>
    public string Url(string path = "/hook") => BaseAddress + path;

    public IReadOnlyList<(string Path, string Text)> Posts => [.. _posts];

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body);
            listener._posts.Enqueue((context.Request.Path.Value!, json.RootElement.GetProperty("text").GetString()!));
            listener._arrived.Release();
            context.Response.StatusCode = listener.Status;
            await context.Response.WriteAsync(listener.Body);
        });
        await app.StartAsync();
        listener.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return listener;
    }

    /// <summary>Waits until <paramref name="count"/> posts have arrived in all (at most 30 s, a hang rather than a timing).</summary>
    public async Task<IReadOnlyList<(string Path, string Text)>> WaitForAsync(int count)
    {
        while (_posts.Count < count)
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30)), $"Expected {count} posts, got {_posts.Count}.");
        }

        return Posts;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
