using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Data;

public class MigrationTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task OnThisRunsEngineEveryMigrationIsAppliedAndNoModelChangeLacksOne()
    {
        var (pending, applied, modelChanged, postgres) = await factory.WithDbAsync(async db => (
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            db.Database.HasPendingModelChanges(),
            db is PostgresZonePollDbContext));

        Assert.Empty(pending);
        Assert.NotEmpty(applied);
        Assert.False(modelChanged, "The model changed without a migration for this provider: add one for both (see ZonePollDbContext).");
        Assert.Equal(factory.Provider == DatabaseProvider.PostgreSQL, postgres);
    }
}
