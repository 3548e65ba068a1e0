using Npgsql;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// Which engine the integration tests run on: SQLite unless <c>ZONEPOLL_TEST_PROVIDER=PostgreSQL</c>, which
/// <c>./test.sh</c> sets for its second pass, with <c>ZONEPOLL_TEST_POSTGRES</c> naming its throw-away server.
/// On PostgreSQL each app gets a database of its own, named after its folder, dropped when the app is.
/// </summary>
public static class TestDatabases
{
    public const string ProviderVariable = "ZONEPOLL_TEST_PROVIDER";
    public const string ServerVariable = "ZONEPOLL_TEST_POSTGRES";
    public const string RedisVariable = "ZONEPOLL_TEST_REDIS";

    public static DatabaseProvider DefaultProvider =>
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } name
            ? Enum.Parse<DatabaseProvider>(name, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    /// <summary>The test server, without a database; a clear stop when the tests were started without one.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{ServerVariable} is not set: run ./test.sh, which starts a throw-away PostgreSQL and sets it.");

    public static string Redis =>
        Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } redis
            ? redis
            : throw new InvalidOperationException($"{RedisVariable} is not set: run ./test.sh, which starts a throw-away Redis and sets it.");

    public static string PostgresDatabase(string folder) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "zp_" + Path.GetFileName(folder) }.ConnectionString;

    public static void DropPostgresDatabase(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
