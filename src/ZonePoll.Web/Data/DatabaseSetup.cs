using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ZonePoll.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ZonePoll";
    private const string DefaultConnectionString = "Data Source=App_Data/zonepoll.db";

    /// <summary>
    /// SQLite under the content root by default; <c>ConnectionStrings__ZonePoll</c> overrides it.
    /// Data-protection keys live beside the database so a restart keeps people signed in.
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
            services.AddDataProtection()
                .SetApplicationName("ZonePoll")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        }

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
    }
}
