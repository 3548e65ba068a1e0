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

    public const string PostgresMissing =
        $"PostgreSQL not configured: set {ServerVariable} (a server's connection string without a database, as " +
        "tests/services.sh's start_services sets it) or run ./test.sh, which starts a throw-away one.";

    public const string RedisMissing =
        $"Redis not configured: set {RedisVariable} (host:port, as tests/services.sh's start_services sets it) " +
        "or run ./test.sh, which starts a throw-away one.";

    /// <summary>The test server, without a database; a clear stop when the tests were started without one.</summary>
    public static string PostgresServer => Setting(ServerVariable) ?? throw new InvalidOperationException(PostgresMissing);

    public static string Redis => Setting(RedisVariable) ?? throw new InvalidOperationException(RedisMissing);

    /// <summary>
    /// Why a test needing <paramref name="services"/> cannot run here, or null when their settings are all present:
    /// <see cref="NeedsServicesFactAttribute"/> skips the test with it.
    /// </summary>
    public static string? Missing(TestServices services)
    {
        var missing = new List<string>();
        if (services.HasFlag(TestServices.PostgreSQL) && Setting(ServerVariable) is null)
        {
            missing.Add(PostgresMissing);
        }

        if (services.HasFlag(TestServices.Redis) && Setting(RedisVariable) is null)
        {
            missing.Add(RedisMissing);
        }

        return missing.Count == 0 ? null : string.Join(" ", missing);
    }

    private static string? Setting(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

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
