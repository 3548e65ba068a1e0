using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Tally;

public class TallyHubTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    // Generous: only a broken build waits this long; a passing run gets its message in milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = TallyJsonOptions();

    private static JsonSerializerOptions TallyJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TallyEndpoints.Configure(options);
        return options;
    }

    private static TaskCompletionSource<TallySnapshot> Listen(HubConnection connection, Func<TallySnapshot, bool> until)
    {
        var received = new TaskCompletionSource<TallySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<TallySnapshot>(TallyHub.TallyMessage, snapshot =>
        {
            if (until(snapshot))
            {
                received.TrySetResult(snapshot);
            }
        });
        return received;
    }

    [Fact]
    public async Task AManagerConnectedToTheHubReceivesTheNewSnapshotAfterARepSaves()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await using var connection = factory.ConnectToTally(team.ManagerId);
        var received = Listen(connection, s => s.Entries == 2);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        await factory.CreateClientFor(team.RepIds[0])
            .SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null), ("Beta", "Recovery", "New", "slow reply"));

        var snapshot = await received.Task.WaitAsync(Patience);
        Assert.Equal(team.MeetingId, snapshot.MeetingId);
        Assert.Equal((1, 0, 1), (snapshot.Zone(Zone.Recovery).Count, snapshot.Zone(Zone.Expectations).Count, snapshot.Zone(Zone.Surprises).Count));
        Assert.Equal((1, 2), (snapshot.Participation.RepsIn, snapshot.Participation.RepsTotal));
        Assert.Equal("Rep 1", Assert.Single(snapshot.Reps).Name);
    }

    [Fact]
    public async Task AManagerWatchingLastMeetingsTallyIsSentTheFollowUpThatASaveAtTheNextMeetingClosed()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"));
        var next = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await using var connection = factory.ConnectToTally(team.ManagerId);
        var received = Listen(connection, s => s.FollowUps.Open == 0);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        await rep.SaveWorksheetAsync(next, ("Acme", "Surprises", "Key", "Called back the same day"));

        var snapshot = await received.Task.WaitAsync(Patience);
        Assert.Equal(team.MeetingId, snapshot.MeetingId);
        // The projector's line is the counts; the follow-up itself is in tally.json.
        var tally = await factory.CreateClientFor(team.ManagerId).GetFromJsonAsync<TallySnapshot>($"/meetings/{team.MeetingId}/tally.json", Json);
        var followUp = Assert.Single(tally!.FollowUps.Items);
        Assert.Equal(("Acme", FollowUpClosure.LeftRecovery), (followUp.Customer, followUp.Closure));
    }

    [Fact]
    public async Task TheManagersLiveMessageCarriesWhatTheProjectorDrawsAndTallyJsonKeepsTheRest()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rows = Enumerable.Range(1, 10).Select(i => ($"Acme {i:00}", "Recovery", "Key", (string?)$"Late {i}")).ToArray();
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, rows);
        await using var connection = factory.ConnectToTally(team.ManagerId);
        var received = Listen(connection, s => s.Entries == 11);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Acme 01", "Surprises", "Key", null));

        var live = await received.Task.WaitAsync(Patience);
        var full = (await factory.CreateClientFor(team.ManagerId).GetFromJsonAsync<TallySnapshot>($"/meetings/{team.MeetingId}/tally.json", Json))!;
        // Counts, bars, names and the per-rep rows are the same in both.
        Assert.Equal(full.Zones, live.Zones);
        Assert.Equal(full.Reps, live.Reps);
        Assert.Equal(full.Recovery.Select(r => (r.Customer, r.AccountType)), live.Recovery.Select(r => (r.Customer, r.AccountType)));
        Assert.Equal(full.FollowUps.Open, live.FollowUps.Open);
        // What only tally.json and the handout show stays out of the message sent at every change.
        Assert.Equal(["Late 1"], full.Recovery[0].Notes);
        Assert.All(live.Recovery, r => Assert.Empty(r.Notes));
        Assert.Equal("Acme 01", Assert.Single(full.Shared).Customer);
        Assert.Empty(live.Shared);
        Assert.Equal(10, full.FollowUps.Items.Count);
        Assert.Empty(live.FollowUps.Items);
    }

    [Fact]
    public async Task ARepConnectionReceivesTeamTotalsWithoutOtherRepsNames()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await using var connection = factory.ConnectToTally(team.RepIds[1]);
        var received = Listen(connection, s => s.Participation.RepsIn == 1);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));

        var snapshot = await received.Task.WaitAsync(Patience);
        Assert.Empty(snapshot.Reps);
        Assert.Empty(snapshot.Participation.NotSubmitted);
    }

    [Fact]
    public async Task AfterABurstOfSavesARepsConnectionEndsOnTheLastStateEvenWhenItsUpdatesAreSpacedOut()
    {
        var team = await factory.CreateTeamAsync(reps: 5);
        await using var connection = factory.ConnectToTally(team.RepIds[4]);
        var received = Listen(connection, s => s.Participation.RepsIn == 4);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        // Faster than the reps' interval: the first goes out at once, the rest only as the burst's last update.
        for (var i = 0; i < 4; i++)
        {
            await factory.CreateClientFor(team.RepIds[i]).SaveWorksheetAsync(team.MeetingId, ($"Acme {i}", "Surprises", "Key", null));
        }

        var snapshot = await received.Task.WaitAsync(Patience);
        Assert.Equal((4, 5), (snapshot.Participation.RepsIn, snapshot.Participation.RepsTotal));
        Assert.Empty(snapshot.Reps);
    }

    [Fact]
    public async Task ANonMemberCannotJoinTheMeetingsGroupAndReceivesNothing()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await using var member = factory.ConnectToTally(team.ManagerId);
        var memberReceived = Listen(member, s => s.Entries == 1);
        await member.StartAsync();
        await member.InvokeAsync("Join", team.MeetingId);
        // The outsider manages a team of their own, whose meeting they watch on the same connection.
        var own = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        await using var outsider = factory.ConnectToTally(own.ManagerId);
        var outsiderGot = outsider.Receive();
        await outsider.StartAsync();
        await outsider.InvokeAsync("Join", own.MeetingId);

        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync("Join", team.MeetingId));
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Secret Co", "Recovery", "Key", null));
        await memberReceived.Task.WaitAsync(Patience);

        Assert.Contains("No such meeting", refused.Message, StringComparison.Ordinal);
        // Their own team's next snapshot is the first thing their connection gets: the save above was sent before it.
        Assert.Empty(await outsiderGot.ReceivedBeforeControlAsync(factory, own, Patience));
    }

    [Fact]
    public async Task ARemovedManagersOpenConnectionStopsReceivingTheTallyAtOnce()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var secondManager = await factory.CreateUserAsync("Max Manager");
        await factory.AddMemberAsync(team.TeamId, secondManager, TeamRole.Manager);
        // A team they stay a manager of, watched on the same connection: its next snapshot is the positive control.
        var stays = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        await factory.AddMemberAsync(stays.TeamId, secondManager, TeamRole.Manager);
        await using var witness = factory.ConnectToTally(team.ManagerId);
        var witnessSawSave = Listen(witness, s => s.Entries == 1);
        await witness.StartAsync();
        await witness.InvokeAsync("Join", team.MeetingId);
        await using var removed = factory.ConnectToTally(secondManager);
        var removedGot = removed.Receive();
        await removed.StartAsync();
        await removed.InvokeAsync("Join", stays.MeetingId);
        await removed.InvokeAsync("Join", team.MeetingId);

        await factory.ChangeMemberAsync(team, "Remove", secondManager);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Secret Co", "Recovery", "Key", "angry about invoices"));
        // The managers' group has been sent the save: had the removed connection still been in it, so would it.
        await witnessSawSave.Task.WaitAsync(Patience);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));

        Assert.Contains("No such meeting", rejoin.Message, StringComparison.Ordinal);
        // Not even the roster change's own snapshot: the connection left the group before it was sent.
        Assert.Empty(await removedGot.ReceivedBeforeControlAsync(factory, stays, Patience));
    }

    [Fact]
    public async Task ARemovedRepsOpenConnectionStopsReceivingTheTally()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var stays = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        await factory.AddMemberAsync(stays.TeamId, team.RepIds[1], TeamRole.Rep);
        // A rep who stays witnesses the reps' group, which is sent to apart from (and later than) the managers'.
        await using var witness = factory.ConnectToTally(team.RepIds[0]);
        var witnessSawSave = Listen(witness, s => s.Participation.RepsIn == 1);
        await witness.StartAsync();
        await witness.InvokeAsync("Join", team.MeetingId);
        await using var removed = factory.ConnectToTally(team.RepIds[1]);
        var removedGot = removed.Receive();
        await removed.StartAsync();
        await removed.InvokeAsync("Join", stays.MeetingId);
        await removed.InvokeAsync("Join", team.MeetingId);

        await factory.ChangeMemberAsync(team, "Remove", team.RepIds[1]);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        await witnessSawSave.Task.WaitAsync(Patience);
        await Assert.ThrowsAsync<HubException>(() => removed.InvokeAsync("Join", team.MeetingId));

        // Not even the roster change's own snapshot: the connection left the group before it was sent.
        Assert.Empty(await removedGot.ReceivedBeforeControlAsync(factory, stays, Patience));
    }

    [Fact]
    public async Task APromotedRepsOpenConnectionGetsTheManagersViewWithoutReconnecting()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await using var connection = factory.ConnectToTally(team.RepIds[1]);
        var fullView = Listen(connection, s => s.Entries == 1 && s.Reps.Count == 1);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);

        await factory.ChangeMemberAsync(team, "Promote", team.RepIds[1]);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));

        var snapshot = await fullView.Task.WaitAsync(Patience);
        Assert.Equal("Rep 1", Assert.Single(snapshot.Reps).Name);
    }

    [Fact]
    public async Task RevealingTheResultsReachesTheProjectorLive()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await using var connection = factory.ConnectToTally(team.ManagerId);
        var revealed = Listen(connection, s => s.Revealed);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");

        using var response = await manager.SubmitAsync(page.Form("form[action*='Reveal']"));

        Assert.True((await revealed.Task.WaitAsync(Patience)).Revealed);
    }

    [Fact]
    public async Task ARepJoiningTheTeamChangesTheRepCountOnTheProjector()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await using var connection = factory.ConnectToTally(team.ManagerId);
        var grown = Listen(connection, s => s.Participation.RepsTotal == 2);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", team.MeetingId);
        var invite = await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.InviteToken).SingleAsync());
        var newcomer = factory.CreateClientFor(await factory.CreateUserAsync("Late Larry"));
        var joinPage = await newcomer.GetDocumentAsync($"/join/{invite}");

        using var joined = await newcomer.SubmitAsync(joinPage.Form());

        var snapshot = await grown.Task.WaitAsync(Patience);
        Assert.Equal((0, 2), (snapshot.Participation.RepsIn, snapshot.Participation.RepsTotal));
        Assert.Contains("Late Larry", snapshot.Participation.NotSubmitted);
    }

    [Fact]
    public async Task AnonymousConnectionsAreRefused()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, TallyHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
