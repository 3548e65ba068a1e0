using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>What the hub tests share: a connection to one host's tally hub, what it received, a roster change.</summary>
public static class TallyHubClients
{
    /// <summary>A connection to <paramref name="host"/>'s hub as <paramref name="userId"/>, through the test server.</summary>
    public static HubConnection ConnectToTally(this ZonePollFactory host, string userId) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(host.Server.BaseAddress, TallyHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => host.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers[TestAuthHandler.Header] = userId;
            })
            .AddJsonProtocol(options => TallyEndpoints.Configure(options.PayloadSerializerOptions))
            .Build();

    /// <summary>Every snapshot the connection receives, in order; read it under its lock.</summary>
    public static List<TallySnapshot> Collect(this HubConnection connection)
    {
        var into = new List<TallySnapshot>();
        connection.On<TallySnapshot>(TallyHub.TallyMessage, snapshot =>
        {
            lock (into)
            {
                into.Add(snapshot);
            }
        });
        return into;
    }

    /// <summary>The team's first manager presses <paramref name="handler"/> (Promote, Remove) beside the member on the team page.</summary>
    public static async Task ChangeMemberAsync(this ZonePollFactory host, TeamSetup team, string handler, string userId)
    {
        var manager = host.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var form = page.QuerySelectorAll<IHtmlFormElement>($"form[action*='handler={handler}']")
            .First(f => f.QuerySelector($"input[name=userId][value='{userId}']") is not null);
        using var response = await manager.SubmitAsync(form);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
