namespace ZonePoll.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}
