using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>Two instances' turns at building one meeting's snapshot, on the test run's real Redis.</summary>
public sealed class TallyTurnsTests : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    // A meeting id no other run of this test shares, as the keys outlive a test by a few seconds.
    private readonly int _meetingId = Random.Shared.Next(1_000_000, int.MaxValue);

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(TestDatabases.Redis);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private TallyTurns Instance() => new(_redis, NullLogger<TallyTurns>.Instance);

    [Fact]
    public async Task OneInstanceBuildsABurstAndTheOtherWaitsThenFindsItsChangeAlreadySent()
    {
        var (first, second) = (Instance(), Instance());

        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 7));
        Assert.Equal(TallyTurn.Busy, await second.TakeAsync(_meetingId, 7));
        await first.DoneAsync(_meetingId, sentVersion: 7);

        Assert.Equal(TallyTurn.AlreadySent, await second.TakeAsync(_meetingId, 7));
        Assert.Equal(TallyTurn.AlreadySent, await second.TakeAsync(_meetingId, 6));
    }

    [Fact]
    public async Task AChangeNewerThanWhatWasSentGetsItsOwnTurnOnceTheTurnIsFree()
    {
        var (first, second) = (Instance(), Instance());
        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 3));

        Assert.Equal(TallyTurn.Busy, await second.TakeAsync(_meetingId, 4));
        await first.DoneAsync(_meetingId, sentVersion: 3);

        Assert.Equal(TallyTurn.Mine, await second.TakeAsync(_meetingId, 4));
    }

    [Fact]
    public async Task AFailedBuildHandsTheTurnBackWithoutClaimingAnythingWasSent()
    {
        var (first, second) = (Instance(), Instance());
        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 5));

        await first.DoneAsync(_meetingId, sentVersion: null);

        Assert.Equal(TallyTurn.Mine, await second.TakeAsync(_meetingId, 5));
    }

    [Fact]
    public async Task OnlyTheHolderCanHandTheTurnBack()
    {
        var (first, second) = (Instance(), Instance());
        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 2));

        await second.DoneAsync(_meetingId, sentVersion: null);

        Assert.Equal(TallyTurn.Busy, await second.TakeAsync(_meetingId, 2));
    }

    [Fact]
    public async Task WithoutRedisEveryTurnIsGranted()
    {
        var alone = new TallyTurns(null, NullLogger<TallyTurns>.Instance);

        Assert.Equal(TallyTurn.Mine, await alone.TakeAsync(_meetingId, 1));
        Assert.Equal(TallyTurn.Mine, await alone.TakeAsync(_meetingId, 1));
    }
}
