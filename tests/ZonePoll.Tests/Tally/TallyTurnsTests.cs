using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>Two instances' turns at building one meeting's snapshot, on the test run's real Redis.</summary>
public sealed class TallyTurnsTests : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    // A meeting id no other run of this test shares, as the keys outlive a test by a few seconds.
    private readonly int _meetingId = Random.Shared.Next(1_000_000, int.MaxValue);

    // Only the tests that use Redis need it: without it they are skipped, and the one that runs without Redis runs.
    public async Task InitializeAsync()
    {
        if (TestDatabases.Missing(TestServices.Redis) is null)
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(TestDatabases.Redis);
        }
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private TallyTurns Instance() => new(_redis ?? throw new InvalidOperationException(TestDatabases.RedisMissing), NullLogger<TallyTurns>.Instance);

    [NeedsServicesFact(TestServices.Redis)]
    public async Task OneInstanceBuildsABurstAndTheOtherWaitsThenFindsItsChangeAlreadySent()
    {
        var (first, second) = (Instance(), Instance());

        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 7));
        Assert.Equal(TallyTurn.Busy, await second.TakeAsync(_meetingId, 7));
        await first.DoneAsync(_meetingId, sentVersion: 7);

        Assert.Equal(TallyTurn.AlreadySent, await second.TakeAsync(_meetingId, 7));
        Assert.Equal(TallyTurn.AlreadySent, await second.TakeAsync(_meetingId, 6));
    }

    [NeedsServicesFact(TestServices.Redis)]
    public async Task AChangeNewerThanWhatWasSentGetsItsOwnTurnOnceTheTurnIsFree()
    {
        var (first, second) = (Instance(), Instance());
        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 3));

        Assert.Equal(TallyTurn.Busy, await second.TakeAsync(_meetingId, 4));
        await first.DoneAsync(_meetingId, sentVersion: 3);

        Assert.Equal(TallyTurn.Mine, await second.TakeAsync(_meetingId, 4));
    }

    [NeedsServicesFact(TestServices.Redis)]
    public async Task AFailedBuildHandsTheTurnBackWithoutClaimingAnythingWasSent()
    {
        var (first, second) = (Instance(), Instance());
        Assert.Equal(TallyTurn.Mine, await first.TakeAsync(_meetingId, 5));

        await first.DoneAsync(_meetingId, sentVersion: null);

        Assert.Equal(TallyTurn.Mine, await second.TakeAsync(_meetingId, 5));
    }

    [NeedsServicesFact(TestServices.Redis)]
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
