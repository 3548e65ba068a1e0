using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>How long a burst's next build waits after the last one started, from what that build cost.</summary>
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
}
