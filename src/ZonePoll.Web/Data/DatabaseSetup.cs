using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ZonePoll.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ZonePoll";
    public const string ProviderKey = "Database:Provider";
    internal const string DefaultConnectionString = "Data Source=App_Data/zonepoll.db";

    /// <summary>
    /// <c>Database:Provider</c> picks the engine: SQLite (the default, a file under the content root, created when
    /// missing) or PostgreSQL, for several instances on one server. <c>ConnectionStrings:ZonePoll</c> says where.
    /// Data-protection keys live in the database: a restart keeps people signed in, every instance on one database
    /// shares them. `--backup` leaves them out of its copy (they are stored unencrypted).
    /// </summary>
    public static IServiceCollection AddZonePollData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ProviderOf(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Database:Provider is PostgreSQL, so ConnectionStrings:ZonePoll must name the server, "
                    + "e.g. \"Host=db;Database=zonepoll;Username=zonepoll;Password=...\".");
            }

            services.AddDbContextPool<ZonePollDbContext, PostgresZonePollDbContext>(options => options.UseNpgsql(configured));
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(configured ?? DefaultConnectionString);
            var inMemory = connection.DataSource == ":memory:" || connection.Mode == SqliteOpenMode.Memory;
            if (!inMemory)
            {
                connection.DataSource = Path.GetFullPath(connection.DataSource, environment.ContentRootPath);
                // The folder is made at start-up (MigrateZonePollDatabaseAsync), not here: `--backup` creates nothing.
                var folder = Path.GetDirectoryName(connection.DataSource)!;
                services.AddSingleton(new LegacyKeysFolder(Path.Combine(folder, "keys")));
                services.AddSingleton(new SqliteFile(connection.ToString()));
            }

            services.AddDbContextPool<ZonePollDbContext>(options => options.UseSqlite(connection.ToString()));
        }

        services.AddDataProtection()
            .SetApplicationName("ZonePoll")
            .PersistKeysToDbContext<ZonePollDbContext>();

        services.AddHealthChecks().AddDbContextCheck<ZonePollDbContext>();
        return services;
    }

    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration[ProviderKey] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) => provider,
            var name => throw new InvalidOperationException($"Database:Provider is \"{name}\"; it must be Sqlite or PostgreSQL."),
        };

    /// <summary>
    /// Applies committed migrations (EF holds a lock while it does, so instances starting together take turns);
    /// on SQLite, first makes the file's folder when missing, and afterwards switches the file to WAL so readers never
    /// wait on a save.
    /// </summary>
    public static async Task MigrateZonePollDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        if (db.Database.IsSqlite()
            && new SqliteConnectionStringBuilder(db.Database.GetConnectionString())
                is { Mode: not SqliteOpenMode.Memory, DataSource: not ":memory:" and { Length: > 0 } file })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (scope.ServiceProvider.GetService<LegacyKeysFolder>() is { } legacy)
        {
            await ImportLegacyKeysAsync(db, legacy.Path, cancellationToken);
        }
    }

    /// <summary>
    /// Until 2026-11-29 the keys lived in a <c>keys</c> folder beside the database. Bringing them in once, before the
    /// first new key is made, keeps everyone signed in across the upgrade; the folder is left as it was.
    /// </summary>
    private static async Task ImportLegacyKeysAsync(ZonePollDbContext db, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.xml"))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where an older version kept the data-protection keys.</summary>
    private sealed record LegacyKeysFolder(string Path);
}
