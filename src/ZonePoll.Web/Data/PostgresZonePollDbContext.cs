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

/// <summary>
/// For <c>dotnet ef migrations add --context ZonePollDbContext</c>. Without it the tools took the PostgreSQL factory
/// above for this context too (IDesignTimeDbContextFactory is covariant, and PostgresZonePollDbContext is a
/// ZonePollDbContext), and wrote PostgreSQL migrations into the SQLite folder.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ZonePollDbContext>
{
    public ZonePollDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ZonePollDbContext>().UseSqlite(DatabaseSetup.DefaultConnectionString).Options);
}
