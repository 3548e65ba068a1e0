using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ZonePoll.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ZonePoll";
    private const string DefaultConnectionString = "Data Source=App_Data/zonepoll.db";

    /// <summary>
    /// SQLite under the content root by default; <c>ConnectionStrings__ZonePoll</c> overrides it.
    /// Data-protection keys live in the database: a restart keeps people signed in, every instance on one database
    /// shares them, and a backup of the database holds them too.
    /// </summary>
    public static IServiceCollection AddZonePollData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString);
        var inMemory = connection.DataSource == ":memory:" || connection.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            connection.DataSource = Path.GetFullPath(connection.DataSource, environment.ContentRootPath);
            var folder = Path.GetDirectoryName(connection.DataSource)!;
            Directory.CreateDirectory(folder);
            services.AddSingleton(new LegacyKeysFolder(Path.Combine(folder, "keys")));
        }

        services.AddDataProtection()
            .SetApplicationName("ZonePoll")
            .PersistKeysToDbContext<ZonePollDbContext>();

        services.AddDbContext<ZonePollDbContext>(options => options.UseSqlite(connection.ToString()));
        services.AddHealthChecks().AddDbContextCheck<ZonePollDbContext>();
        return services;
    }

    /// <summary>Applies committed migrations and switches the file to WAL so readers never wait on a save.</summary>
    public static async Task MigrateZonePollDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
