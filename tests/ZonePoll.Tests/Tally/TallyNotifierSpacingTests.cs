using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>How long a burst's next build waits after the last one started, from what that build cost.</summary>
public class TallyNotifierSpacingTests
{
    [Fact]
    public void ACheapBuildIsFollowedAfterTheMinimumInterval()
    {
        Assert.Equal(TallyNotifier.MinimumInterval, TallyNotifier.Spacing(TimeSpan.Zero));
        Assert.Equal(TallyNotifier.MinimumInterval, TallyNotifier.Spacing(TallyNotifier.MinimumInterval / (TallyNotifier.BuildShare * 2)));
    }

    [Fact]
    public void ADearBuildIsFollowedAfterItsCostTimesTheBuildShare()
    {
        var build = TallyNotifier.MinimumInterval;

        Assert.Equal(build * TallyNotifier.BuildShare, TallyNotifier.Spacing(build));
        Assert.True(TallyNotifier.Spacing(build) > TallyNotifier.MinimumInterval);
    }

    [Fact]
    public void ABuildSlowedBySaturationLeavesTheProjectorWithoutNewsForAtMostTheMaximumInterval()
    {
        Assert.Equal(TallyNotifier.MaximumInterval, TallyNotifier.Spacing(TimeSpan.FromSeconds(30)));
    }
}
