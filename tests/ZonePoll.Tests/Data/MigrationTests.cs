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

    [Fact]
    public void EachProvidersMigrationsAreWrittenForThatProviderAndKeptInItsOwnFolder()
    {
        var migrations = typeof(ZonePollDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .Select(t => (
                t.Name,
                t.Namespace,
                Context: t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                    .Cast<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>()
                    .Single()
                    .ContextType))
            .ToList();

        Assert.Contains(migrations, m => m.Context == typeof(ZonePollDbContext));
        Assert.Contains(migrations, m => m.Context == typeof(PostgresZonePollDbContext));
        Assert.All(migrations, m => Assert.True(
            m.Namespace!.EndsWith(".PostgreSQL", StringComparison.Ordinal) == (m.Context == typeof(PostgresZonePollDbContext)),
            $"{m.Namespace}.{m.Name} is for {m.Context.Name}"));
    }
}
