using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// Issue 23: the dashboard and a phone drive every projector of a meeting through the hub. Only a manager of the
/// meeting's team may: the hub checks each command as the pages' membership rule does.
/// </summary>
public class ProjectorCommandTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    // Generous: only a broken build waits this long; a passing run gets its message in milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A projector: a manager's connection in the meeting's group, with every projector message it gets, in order.</summary>
    private async Task<(HubConnection Connection, ChannelReader<ProjectorView> Views, ChannelReader<TallySnapshot> Tallies)> ProjectorAsync(
        string userId, int meetingId)
    {
        var connection = factory.ConnectToTally(userId);
        var views = Channel.CreateUnbounded<ProjectorView>();
        var tallies = Channel.CreateUnbounded<TallySnapshot>();
        connection.On<ProjectorView>(TallyHub.ProjectorMessage, view => views.Writer.TryWrite(view));
        connection.On<TallySnapshot>(TallyHub.TallyMessage, tally => tallies.Writer.TryWrite(tally));
        await connection.StartAsync();
        await connection.InvokeAsync("Join", meetingId);
        return (connection, views.Reader, tallies.Reader);
    }

    private static async Task<T> NextAsync<T>(ChannelReader<T> reader, Func<T, bool> until)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var item = await reader.ReadAsync(timeout.Token);
            if (until(item))
            {
                return item;
            }
        }
    }

    private Task<(bool Revealed, bool Names)> SwitchesAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetingId)
            .Select(m => new ValueTuple<bool, bool>(m.ResultsRevealed, m.ShowCustomerNames))
            .SingleAsync());

    [Fact]
    public async Task AManagersRemoteMovesEveryProjectorOfTheMeetingAndALateProjectorStartsWhereTheyAre()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var prompts = await factory.WithDbAsync(db => db.MeetingPrompts.CountAsync(p => p.MeetingId == team.MeetingId));
        var (projector, views, tallies) = await ProjectorAsync(team.ManagerId, team.MeetingId);
        await using var _ = projector;
        await using var remote = factory.ConnectToTally(team.ManagerId);
        await remote.StartAsync();

        await remote.InvokeAsync<ProjectorView>("ShowView", team.MeetingId, "since");
        Assert.Equal(new ProjectorView("since", 0), await NextAsync(views, _ => true));
        await remote.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, 1);
        Assert.Equal(new ProjectorView("since", 1), await NextAsync(views, _ => true));
        await remote.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, -1);
        await remote.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, -1);
        await NextAsync(views, _ => true);
        // Previous from the first prompt goes round to the last, as the projector's own arrow keys do.
        Assert.Equal(new ProjectorView("since", prompts - 1), await NextAsync(views, _ => true));

        await remote.InvokeAsync("Reveal", team.MeetingId, true);
        await NextAsync(tallies, t => t.Revealed);
        await remote.InvokeAsync("ShowNames", team.MeetingId, true);
        await NextAsync(tallies, t => t.Revealed && t.ShowCustomerNames);
        Assert.Equal((true, true), await SwitchesAsync(team.MeetingId));

        await using var late = factory.ConnectToTally(team.ManagerId);
        await late.StartAsync();
        Assert.Equal(new ProjectorView("since", prompts - 1), await late.InvokeAsync<ProjectorView>("Projector", team.MeetingId));
    }

    [Fact]
    public async Task ARepOfTheTeamIsRefusedEveryProjectorCommandAndNothingChanges()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var (projector, views, _) = await ProjectorAsync(team.ManagerId, team.MeetingId);
        await using var __ = projector;
        await using var rep = factory.ConnectToTally(team.RepIds[0]);
        await rep.StartAsync();
        await rep.InvokeAsync("Join", team.MeetingId);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<HubException>(() => rep.InvokeAsync<ProjectorView>("ShowView", team.MeetingId, "since")),
            await Assert.ThrowsAsync<HubException>(() => rep.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, 1)),
            await Assert.ThrowsAsync<HubException>(() => rep.InvokeAsync("Reveal", team.MeetingId, true)),
            await Assert.ThrowsAsync<HubException>(() => rep.InvokeAsync("ShowNames", team.MeetingId, true)),
            await Assert.ThrowsAsync<HubException>(() => rep.InvokeAsync<ProjectorView>("Projector", team.MeetingId)),
        };

        Assert.All(refusals, refused => Assert.Contains(TallyHub.NotAManager, refused.Message, StringComparison.Ordinal));
        Assert.Equal((false, false), await SwitchesAsync(team.MeetingId));
        // The positive control: the manager's command is the first thing the projector hears.
        await projector.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, 1);
        Assert.Equal(new ProjectorView("tally", 1), await NextAsync(views, _ => true));
    }

    [Fact]
    public async Task AnotherTeamsManagerIsRefusedEveryProjectorCommandAndNothingChanges()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var own = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        var (projector, views, _) = await ProjectorAsync(team.ManagerId, team.MeetingId);
        await using var __ = projector;
        await using var outsider = factory.ConnectToTally(own.ManagerId);
        await outsider.StartAsync();
        await outsider.InvokeAsync("Join", own.MeetingId);
        // Their own meeting answers them: the refusals below are about whose meeting it is.
        Assert.Equal(new ProjectorView("since", 0), await outsider.InvokeAsync<ProjectorView>("ShowView", own.MeetingId, "since"));

        var refusals = new[]
        {
            await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ProjectorView>("ShowView", team.MeetingId, "since")),
            await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, 1)),
            await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync("Reveal", team.MeetingId, true)),
            await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync("ShowNames", team.MeetingId, true)),
            await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ProjectorView>("Projector", team.MeetingId)),
        };

        Assert.All(refusals, refused => Assert.Contains("No such meeting", refused.Message, StringComparison.Ordinal));
        Assert.Equal((false, false), await SwitchesAsync(team.MeetingId));
        Assert.Equal(new ProjectorView("tally", 0), await projector.InvokeAsync<ProjectorView>("Projector", team.MeetingId));
        await projector.InvokeAsync<ProjectorView>("MovePrompt", team.MeetingId, 1);
        Assert.Equal(new ProjectorView("tally", 1), await NextAsync(views, _ => true));
    }

    [Fact]
    public async Task ARemoteRevealOnAnArchivedTeamIsRefusedAndTheNumbersStayHidden()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await using var remote = factory.ConnectToTally(team.ManagerId);
        await remote.StartAsync();
        await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArchivedAt, DateTimeOffset.UtcNow)));

        var reveal = await Assert.ThrowsAsync<HubException>(() => remote.InvokeAsync("Reveal", team.MeetingId, true));
        var names = await Assert.ThrowsAsync<HubException>(() => remote.InvokeAsync("ShowNames", team.MeetingId, true));

        Assert.Contains("archived", reveal.Message, StringComparison.Ordinal);
        Assert.Contains("archived", names.Message, StringComparison.Ordinal);
        Assert.Equal((false, false), await SwitchesAsync(team.MeetingId));
    }

    [Fact]
    public async Task AViewTheProjectorDoesNotHaveIsRefused()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await using var remote = factory.ConnectToTally(team.ManagerId);
        await remote.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => remote.InvokeAsync<ProjectorView>("ShowView", team.MeetingId, "<script>"));

        Assert.Contains("No such view", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectorView.Start, await remote.InvokeAsync<ProjectorView>("Projector", team.MeetingId));
    }
}
