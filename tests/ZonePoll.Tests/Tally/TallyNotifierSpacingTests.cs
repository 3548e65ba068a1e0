using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// How long a burst's next build waits after the last one started, from what that build cost, and how long the reps' view
/// waits after the last one sent, from the room's size.
/// </summary>
public class TallyNotifierSpacingTests
{
    private static readonly TimeSpan Floor = TallyNotifier.SqliteFloor;

    [Fact]
    public void ACheapBuildIsFollowedAfterTheFloor()
    {
        Assert.Equal(Floor, TallyNotifier.Spacing(TimeSpan.Zero, Floor));
        Assert.Equal(Floor, TallyNotifier.Spacing(Floor / (TallyNotifier.BuildShare * 2), Floor));
    }

    [Fact]
    public void ADearBuildIsFollowedAfterItsCostTimesTheBuildShare()
    {
        var build = Floor;

        Assert.Equal(build * TallyNotifier.BuildShare, TallyNotifier.Spacing(build, Floor));
        Assert.True(TallyNotifier.Spacing(build, Floor) > Floor);
    }

    [Fact]
    public void ABuildSlowedBySaturationLeavesTheProjectorWithoutNewsForAtMostTheMaximumInterval()
    {
        Assert.Equal(TallyNotifier.MaximumInterval, TallyNotifier.Spacing(TimeSpan.FromSeconds(30), Floor));
    }

    [Fact]
    public void BuildsOnPostgreSqlKeepFurtherApartThanOnSqlite()
    {
        Assert.Equal(TallyNotifier.SqliteFloor, TallyNotifier.FloorFor(DatabaseProvider.Sqlite));
        Assert.Equal(TallyNotifier.PostgresFloor, TallyNotifier.FloorFor(DatabaseProvider.PostgreSQL));
        Assert.True(TallyNotifier.FloorFor(DatabaseProvider.PostgreSQL) > TallyNotifier.FloorFor(DatabaseProvider.Sqlite));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(TallyNotifier.RepsPerSecond / 2)]
    public void ATeamsPhonesGetTheTeamViewEveryHalfSecondOfABurst(int reps)
    {
        Assert.Equal(TallyNotifier.MinimumRepInterval, TallyNotifier.RepIntervalFor(reps));
        Assert.Equal(TimeSpan.FromMilliseconds(500), TallyNotifier.RepIntervalFor(reps));
    }

    [Fact]
    public void ALargerRoomsPhonesGetTheTeamViewLessOftenSoTheRoomGetsAboutAsManyMessagesASecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.8), TallyNotifier.RepIntervalFor(200));
        Assert.Equal(TimeSpan.FromSeconds(2), TallyNotifier.RepIntervalFor(500));
        Assert.Equal(TallyNotifier.RepsPerSecond, 500 / TallyNotifier.RepIntervalFor(500).TotalSeconds);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(2_000)]
    [InlineData(100_000)]
    public void AnAllHandsPhonesStillGetTheTeamViewEveryFewSecondsOfABurst(int reps)
    {
        Assert.Equal(TallyNotifier.MaximumRepInterval, TallyNotifier.RepIntervalFor(reps));
        Assert.Equal(TimeSpan.FromSeconds(4), TallyNotifier.RepIntervalFor(reps));
    }
}
