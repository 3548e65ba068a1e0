using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ZonePoll.Web.Data;

/// <summary>
/// <c>--backup &lt;file&gt;</c>: a consistent copy of the live database, taken while people keep saving.
/// <c>VACUUM INTO</c> reads inside one transaction, so the copy is the database as of one commit, and in WAL mode
/// it neither blocks the writers nor waits for them.
/// </summary>
public static class DatabaseBackup
{
    public const string Switch = "backup";

    /// <summary>
    /// Writes the copy and returns its full path; refuses to overwrite an existing file, and to copy a database that
    /// is not there. The copy holds everything people typed and everyone's password hash, so it is readable by its
    /// owner alone from the moment it exists; it holds no data-protection keys (they sign the sign-in cookies and
    /// are stored unencrypted), so a restored copy makes new keys and people sign in again.
    /// </summary>
    public static async Task<string> BackupAsync(IServiceProvider services, string target, CancellationToken cancellationToken = default)
    {
        target = Path.GetFullPath(target);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        // Opened read-write, never created: a wrong path must not become an empty database and a "backup" of it.
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(source.DataSource))
        {
            throw new FileNotFoundException(
                $"The database {source.DataSource} does not exist; check ConnectionStrings:ZonePoll. Nothing was written.", source.DataSource);
        }

        if (File.Exists(target))
        {
            throw new IOException($"{target} already exists; choose a new file name so no earlier backup is overwritten.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        CreateOwnerOnlyFile(target);
        try
        {
            await using (var connection = new SqliteConnection(source.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                // SQLite fills an empty file in place, keeping its mode.
                command.CommandText = "VACUUM INTO $target";
                command.Parameters.AddWithValue("$target", target);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await RemoveSigningKeysAsync(target, cancellationToken);
        }
        catch
        {
            File.Delete(target);
            throw;
        }

        return target;
    }

    /// <summary>Created empty with mode 0600 (less any umask), so there is no moment where others can read it.</summary>
    private static void CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
    }

    /// <summary>
    /// Deletes the key ring from the copy with <c>secure_delete</c>, so the keys' bytes are overwritten rather than
    /// left in free pages, and with the journal in memory, so they never pass through a journal file either.
    /// </summary>
    private static async Task RemoveSigningKeysAsync(string copy, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=MEMORY;
            PRAGMA secure_delete=ON;
            DELETE FROM "DataProtectionKeys";
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the switch when it was given: returns the process exit code, or null to start the app as usual.</summary>
    /// <remarks>
    /// The outcome goes straight to stdout/stderr rather than through the logger: the console logger writes from a
    /// background queue that the process can exit before draining, and an operator's command must always say what it did.
    /// </remarks>
    public static async Task<int?> RunIfRequestedAsync(this WebApplication app, TextWriter output, TextWriter errors)
    {
        if (app.Configuration[Switch] is not { } target)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            await errors.WriteLineAsync("Usage: --backup <file>  (the file must not exist yet).");
            return 2;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (!scope.ServiceProvider.GetRequiredService<ZonePollDbContext>().Database.IsSqlite())
            {
                await errors.WriteLineAsync("--backup copies the SQLite file; on PostgreSQL, back up with pg_dump.");
                return 2;
            }
        }

        try
        {
            var written = await BackupAsync(app.Services, target);
            await output.WriteLineAsync($"Backed up the database to {written}.");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or SqliteException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"Could not back up the database to {target}: {exception.Message}");
            return 1;
        }
    }
}
