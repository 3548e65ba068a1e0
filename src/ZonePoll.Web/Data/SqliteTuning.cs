using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ZonePoll.Web.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets SQLite itself wait for the write lock in short steps,
/// instead of Microsoft.Data.Sqlite's managed retry that sleeps 150 ms at a time; synchronous=NORMAL is the
/// recommended pairing with WAL (no fsync per commit; a crash of the app loses nothing, a power cut at most
/// the last commits).
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// SQLite has one writer at a time. Queuing the busiest write (a worksheet save) here, in arrival order,
/// keeps a burst of saves from contending for the file lock. One app process per database file.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
