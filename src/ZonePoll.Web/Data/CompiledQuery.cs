namespace ZonePoll.Web.Data;

/// <summary>
/// An EF compiled query for the hot paths (every worksheet GET and POST, every meeting route): compiled once, it skips
/// the per-call expression walk and cache lookup that made up a good part of those requests. A compiled query keeps
/// the SQL of the first provider it runs on, so each provider gets its own (a process runs on one, the tests on both).
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly TQuery _sqlite = compile();
    private readonly TQuery _postgres = compile();

    public TQuery For(ZonePollDbContext db) => db is PostgresZonePollDbContext ? _postgres : _sqlite;
}
