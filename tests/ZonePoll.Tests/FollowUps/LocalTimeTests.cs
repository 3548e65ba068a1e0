using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.FollowUps;

public class LocalTimeTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    public void KnownZonesAreFound(string id) => Assert.True(LocalTime.TryFind(id, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/UTC")]
    [InlineData("America/New_York<script>")]
    [InlineData("Eastern Standard Time")]
    public void JunkIsNotAZone(string? id) => Assert.False(LocalTime.TryFind(id, out _));

    [Fact]
    public void AnIdLongerThanTheColumnIsRefusedBeforeAnyLookUp() =>
        Assert.False(LocalTime.TryFind("America/" + new string('x', 60), out _));

    [Fact]
    public void TimesShowInTheStoredZoneWithItsOffset()
    {
        Assert.True(LocalTime.TryFind("America/New_York", out var zone));
        Assert.Equal("3 Dec 2026 07:00 UTC-05:00", new LocalZone("America/New_York", zone).Format(Noon));
        Assert.True(LocalTime.TryFind("Asia/Kolkata", out var india));
        Assert.Equal("3 Dec 2026 17:30 UTC+05:30", new LocalZone("Asia/Kolkata", india).Format(Noon));
    }

    [Fact]
    public void WithoutAStoredZoneTimesShowInUtcAndSaySo() =>
        Assert.Equal("3 Dec 2026 12:00 UTC", LocalZone.Utc.Format(Noon));

    [Fact]
    public void TodayIsThePersonsOwnDayNearMidnight()
    {
        Assert.True(LocalTime.TryFind("Pacific/Auckland", out var zone));
        var lateUtc = new FixedClock(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 4), new LocalZone("Pacific/Auckland", zone).Today(lateUtc));
        Assert.Equal(new DateOnly(2026, 12, 3), LocalZone.Utc.Today(lateUtc));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
