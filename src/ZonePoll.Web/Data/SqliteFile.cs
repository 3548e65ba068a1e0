namespace ZonePoll.Web.Data;

/// <summary>The database's SQLite file, registered when there is one (not on PostgreSQL or in memory).</summary>
public sealed record SqliteFile(string ConnectionString);
