using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

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

    /// <summary>
    /// Every snapshot the connection receives, in order, to wait on without polling; and, for "received nothing",
    /// everything received before a later legitimate message (<see cref="TallyInbox.BeforeAsync"/>).
    /// </summary>
    public static TallyInbox Receive(this HubConnection connection)
    {
        var inbox = new TallyInbox();
        connection.On<TallySnapshot>(TallyHub.TallyMessage, inbox.Add);
        return inbox;
    }

    /// <summary>Adds <paramref name="userId"/> to the team with <paramref name="role"/>, straight in the database.</summary>
    public static Task AddMemberAsync(this ZonePollFactory host, int teamId, string userId, TeamRole role) =>
        host.WithDbAsync(async db =>
        {
            db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = userId, Role = role, JoinedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

    /// <summary>
    /// The positive control of a "received nothing": a rep of <paramref name="control"/> (a team the connection's user
    /// belongs to too, its meeting joined on that connection) saves through <paramref name="host"/>, and once that
    /// meeting's snapshot has reached the connection, returns everything the connection received before it.
    /// </summary>
    /// <remarks>
    /// SignalR delivers a connection's messages in the order they were sent, so a message sent to it before the control
    /// (a leak the caller made sure was sent, by seeing a witness in the same group receive it) is in the list however
    /// late it travels; without the control, a late leak would arrive after the assertion and the test would pass.
    /// No rep may have saved on the control meeting yet, so that only a snapshot sent after the control save counts one in
    /// (a rep's view shows who is in, not the entries): an earlier snapshot of that meeting, arriving late, cannot be
    /// taken for the control.
    /// </remarks>
    public static async Task<IReadOnlyList<TallySnapshot>> ReceivedBeforeControlAsync(
        this TallyInbox inbox, ZonePollFactory host, TeamSetup control, TimeSpan patience)
    {
        var saved = await host.WithDbAsync(db => db.Worksheets.CountAsync(w => w.MeetingId == control.MeetingId));
        if (saved > 0)
        {
            throw new InvalidOperationException($"{saved} reps already saved on the control meeting: give the control a team of its own.");
        }

        await host.CreateClientFor(control.RepIds[0]).SaveWorksheetAsync(control.MeetingId, ("Control Co", "Surprises", "Key", null));
        return await inbox.BeforeAsync(s => s.MeetingId == control.MeetingId && s.Participation.RepsIn > 0, patience);
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

/// <summary>What one hub connection received, in order; a wait for a snapshot completes when it arrives, no polling.</summary>
public sealed class TallyInbox
{
    private readonly List<TallySnapshot> _received = [];
    private readonly List<(Predicate<TallySnapshot> Match, TaskCompletionSource<int> Found)> _waiting = [];

    /// <summary>A copy of everything received so far.</summary>
    public IReadOnlyList<TallySnapshot> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    internal void Add(TallySnapshot snapshot)
    {
        lock (_received)
        {
            _received.Add(snapshot);
            var index = _received.Count - 1;
            foreach (var waiter in _waiting.Where(w => w.Match(snapshot)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Found.TrySetResult(index);
            }
        }
    }

    /// <summary>The first snapshot received that <paramref name="match"/>es, waiting up to <paramref name="patience"/>.</summary>
    public async Task<TallySnapshot> WaitForAsync(Predicate<TallySnapshot> match, TimeSpan patience)
    {
        var index = await IndexOfAsync(match, patience);
        lock (_received)
        {
            return _received[index];
        }
    }

    /// <summary>
    /// Waits for the first snapshot that <paramref name="control"/> matches and returns everything received before it:
    /// what a "received nothing" asserts on, once a later message proves the earlier ones would have arrived.
    /// </summary>
    public async Task<IReadOnlyList<TallySnapshot>> BeforeAsync(Predicate<TallySnapshot> control, TimeSpan patience)
    {
        var index = await IndexOfAsync(control, patience);
        lock (_received)
        {
            return _received[..index];
        }
    }

    private async Task<int> IndexOfAsync(Predicate<TallySnapshot> match, TimeSpan patience)
    {
        TaskCompletionSource<int> found;
        lock (_received)
        {
            if (_received.FindIndex(match) is var index and >= 0)
            {
                return index;
            }

            found = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            lock (_received)
            {
                var others = _received.Select(s => $"meeting {s.MeetingId}, entries {s.Entries}, reps in {s.Participation.RepsIn}, reps {s.Reps.Count}");
                throw new TimeoutException(
                    $"The snapshot did not arrive within {patience.TotalSeconds} s; {_received.Count} others did: " + string.Join("; ", others));
            }
        }
    }
}
