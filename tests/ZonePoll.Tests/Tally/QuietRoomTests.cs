using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// A room where saves come a few seconds apart. The reps' phones get the team view at most every
/// <see cref="TallyNotifier.RepIntervalFor"/> (half a second in a team), so after a save whose view they skipped the notifier waits to send it to them;
/// the projector must not wait with it. The app runs on a clock the test moves, so "before the reps' interval is up"
/// is the clock standing still, not a race against the wall.
/// </summary>
public sealed class QuietRoomTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly StillClockFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ASaveWhileTheRepsViewWaitsForItsIntervalReachesTheProjectorWithoutWaitingForIt()
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        await using var manager = await JoinAsync(team.ManagerId, team.MeetingId, s => s.Entries);

        // The first save goes to everyone; the second, at the same instant, to the projector only: the reps had theirs.
        await _factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null));
        await manager.Saw(1).WaitAsync(Patience);
        await _factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Beta", "Surprises", "New", null));

        await PassBuildSpacingsAsync(_factory.Services.GetRequiredService<TallyNotifier>().Floor);
        await manager.Saw(2).WaitAsync(Patience);

        await _factory.CreateClientFor(team.RepIds[2]).SaveWorksheetAsync(team.MeetingId, ("Cobalt", "Expectations", "Growth", null));

        // The clock stands still: the reps' interval is not up, and the projector has the save all the same.
        await manager.Saw(3).WaitAsync(Patience);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(200)]
    public async Task ARoomsPhonesGetTheTeamViewAtMostOnceARoomsIntervalAndTheBurstsLastStateAfterIt(int reps)
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        // The rest of the roster straight into the database: only the roster's size counts here.
        await _factory.WithDbAsync(async db =>
        {
            for (var i = 3; i < reps; i++)
            {
                var user = new AppUser { UserName = $"listener{i}@test.zonepoll", Email = $"listener{i}@test.zonepoll", DisplayName = $"Listener {i}" };
                db.Users.Add(user);
                db.TeamMembers.Add(new TeamMember { TeamId = team.TeamId, User = user, Role = TeamRole.Rep, JoinedAt = DateTimeOffset.UtcNow });
            }

            return await db.SaveChangesAsync();
        });
        var interval = TallyNotifier.RepIntervalFor(reps);
        var floor = _factory.Services.GetRequiredService<TallyNotifier>().Floor;
        await using var manager = await JoinAsync(team.ManagerId, team.MeetingId, s => s.Participation.RepsIn);
        await using var phone = await JoinAsync(team.RepIds[0], team.MeetingId, s => s.Participation.RepsIn);
        // The phone's user is on a second team too, whose meeting the same connection joins: its saves are the control.
        var control = await _factory.CreateTeamAsync(reps: 1, teamName: "Control");
        await _factory.AddMemberAsync(control.TeamId, team.RepIds[0], TeamRole.Rep);
        await phone.JoinAsync(control.MeetingId);

        // The first save goes to everyone; the second, at the same instant, to the projector, and to the phones once
        // their room's interval is up.
        await _factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null));
        await phone.Saw(1).WaitAsync(Patience);
        await _factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Beta", "Surprises", "New", null));
        var (waited, due) = await PassBuildSpacingsAsync(floor);
        await manager.Saw(2).WaitAsync(Patience);
        Assert.Equal(interval, waited + due);
        var beforeControl = await phone.Inbox.ReceivedBeforeControlAsync(_factory, control, Patience);
        Assert.DoesNotContain(beforeControl, s => s.MeetingId == team.MeetingId && s.Participation.RepsIn == 2);
        Assert.False(phone.HasSeen(2));
        _factory.Clock.Advance(due);
        await phone.Saw(2).WaitAsync(Patience);

        // Between the half second and a 200-rep room's interval: a team's phones get the next save at once, a larger
        // room's once its interval is up.
        var later = TimeSpan.FromMilliseconds(600);
        _factory.Clock.Advance(later);
        await _factory.CreateClientFor(team.RepIds[2]).SaveWorksheetAsync(team.MeetingId, ("Cobalt", "Expectations", "Growth", null));
        await manager.Saw(3).WaitAsync(Patience);
        if (interval > later)
        {
            (waited, due) = await PassBuildSpacingsAsync(floor);
            Assert.Equal(interval, later + waited + due);
            _factory.Clock.Advance(due);
        }

        await phone.Saw(3).WaitAsync(Patience);
    }

    /// <summary>
    /// Moves the clock past each spacing between builds (the first build's pump may still be finishing as the next save
    /// comes, and then it builds that save after a spacing) until the notifier sets a longer timer, the reps' wait;
    /// returns the time moved and that timer's due time, leaving it unfired.
    /// </summary>
    private async Task<(TimeSpan Waited, TimeSpan Due)> PassBuildSpacingsAsync(TimeSpan floor)
    {
        var waited = TimeSpan.Zero;
        TimeSpan due;
        while ((due = await _factory.Clock.NextTimerAsync().WaitAsync(Patience)) <= floor)
        {
            _factory.Clock.Advance(due);
            waited += due;
        }

        return (waited, due);
    }

    /// <summary>A hub connection joined to the meeting, and which counts (<paramref name="count"/>) it has been sent.</summary>
    private async Task<Listener> JoinAsync(string userId, int meetingId, Func<TallySnapshot, int> count)
    {
        var connection = _factory.ConnectToTally(userId);
        var listener = new Listener(connection, connection.Receive(), s => s.MeetingId == meetingId ? count(s) : null);
        await connection.StartAsync();
        await connection.InvokeAsync("Join", meetingId);
        return listener;
    }

    /// <summary><paramref name="count"/> is null for another meeting's snapshot.</summary>
    private sealed class Listener(HubConnection connection, TallyInbox inbox, Func<TallySnapshot, int?> count) : IAsyncDisposable
    {
        public Task<TallySnapshot> Saw(int expected) => inbox.WaitForAsync(s => count(s) == expected, Patience);

        public bool HasSeen(int expected) => inbox.Received.Any(s => count(s) == expected);

        /// <summary>Everything the connection received, in order, for a "received nothing" with its control.</summary>
        public TallyInbox Inbox => inbox;

        /// <summary>Joins another meeting on the same connection; <see cref="Saw"/> still counts only the first one's.</summary>
        public Task JoinAsync(int meetingId) => connection.InvokeAsync("Join", meetingId);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class StillClockFactory : ZonePollFactory
    {
        public WatchedClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>A clock that moves only when told, and tells each timer set on it, in turn (the notifier is its one user).</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
