using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ZonePoll.Web.Data;

/// <summary>
/// The same model on PostgreSQL. EF keeps one migration history per context type, so this subclass is what lets
/// each provider carry migrations written for its own SQL; the app still asks for <see cref="ZonePollDbContext"/>.
/// </summary>
public sealed class PostgresZonePollDbContext(DbContextOptions<PostgresZonePollDbContext> options) : ZonePollDbContext(options);

/// <summary>For <c>dotnet ef migrations add --context PostgresZonePollDbContext</c>, which needs no server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresZonePollDbContext>
{
    public PostgresZonePollDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresZonePollDbContext>().UseNpgsql("Host=localhost;Database=zonepoll").Options);
}
