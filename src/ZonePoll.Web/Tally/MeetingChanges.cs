using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Tally;

/// <summary>
/// The one owner of "a meeting changed". A handler that changes anything a tally, the trend or the projector shows
/// makes the change inside <see cref="BeginAsync"/>'s transaction and ends it with <see cref="Change.CommitAsync"/>:
/// the versions move in the same commit as the change (so no cached snapshot outlives it, on any instance), and only
/// after the commit are the hub connections told. The worksheet writer, which holds its own transaction, uses
/// <see cref="ForWriter"/>. Nothing else writes a version.
/// </summary>
public sealed class MeetingChanges(TallyNotifier notifier, TallyConnections connections)
{
    /// <summary>
    /// Begins a change to <paramref name="teamId"/>'s meetings, roster or follow-ups. SQLite's transaction holds the one
    /// write lock from here; on PostgreSQL the team's lock is taken first, as the worksheet writer takes it before any
    /// row, so a page and a batch never hold rows of the same team in opposite orders (a deadlock, one of them killed).
    /// </summary>
    public async Task<Change> BeginAsync(ZonePollDbContext db, int teamId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlAsync(TeamLock(teamId), cancellationToken);
            }
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }

        return new(this, db, transaction);
    }

    /// <summary>
    /// PostgreSQL only: waits for, then holds until the commit, the team's turn. Every writer of a team's rows takes it
    /// first (the worksheet writer per team in its batch, in ascending order; a page change in <see cref="BeginAsync"/>).
    /// </summary>
    internal static void LockTeam(ZonePollDbContext db, int teamId) => db.Database.ExecuteSql(TeamLock(teamId));

    private static FormattableString TeamLock(int teamId) => $"SELECT pg_advisory_xact_lock({(long)teamId})";

    /// <summary>The writer's statements, prepared on its connection inside its transaction.</summary>
    internal static WriterVersions ForWriter(ZonePollDbContext db, IDbContextTransaction transaction) => new(db, transaction);

    private Task MemberChangedAsync(TallyChange.Member member, CancellationToken cancellationToken) =>
        connections.MemberChangedAsync(member.TeamId, member.UserId, cancellationToken);

    /// <summary>After a commit: push the meetings still in play. Returns at once; the snapshots follow.</summary>
    public void Committed(IEnumerable<int> meetingIds)
    {
        foreach (var meetingId in meetingIds)
        {
            notifier.MeetingChanged(meetingId);
        }
    }

    /// <summary>
    /// One change in progress. Disposed without <see cref="CommitAsync"/> (nothing to do, or a failure) it rolls
    /// back, and nobody is told.
    /// </summary>
    public sealed class Change(MeetingChanges owner, ZonePollDbContext db, IDbContextTransaction transaction) : IAsyncDisposable
    {
        public async Task CommitAsync(TallyChange what, CancellationToken cancellationToken)
        {
            // Tracked entities the handler added or changed are saved in this transaction too.
            await db.SaveChangesAsync(cancellationToken);
            var inPlay = await BumpAsync(what, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (what is TallyChange.Member member)
            {
                // Before the push: a removed member's connections must be gone before the next snapshot goes out. Not
                // the caller's token: the change stands, so a request aborted now must not leave them in their groups
                // (bounded by TallyConnections.AnswerPatience).
                await owner.MemberChangedAsync(member, CancellationToken.None);
            }

            owner.Committed(inPlay);
        }

        private async Task<List<int>> BumpAsync(TallyChange what, CancellationToken cancellationToken)
        {
            var meetings = what switch
            {
                TallyChange.Meeting m => db.Meetings.Where(x => x.Id == m.MeetingId),
                TallyChange.MeetingAndLater m => LaterOrSame(db, m.MeetingId),
                TallyChange.Team t => db.Meetings.Where(x => x.TeamId == t.TeamId),
                TallyChange.Member t => db.Meetings.Where(x => x.TeamId == t.TeamId),
                _ => throw new ArgumentOutOfRangeException(nameof(what), what, "Not a kind of change."),
            };
            await meetings.ExecuteUpdateAsync(s => s.SetProperty(m => m.TallyVersion, m => m.TallyVersion + 1), cancellationToken);
            if (what is TallyChange.Member member)
            {
                await db.Teams.Where(t => t.Id == member.TeamId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RosterVersion, t => t.RosterVersion + 1), cancellationToken);
            }

            // Locked meetings' snapshots still change (they name the roster and follow-ups), but nobody is live on them.
            return await meetings.Where(m => m.Status != MeetingStatus.Locked).Select(m => m.Id).ToListAsync(cancellationToken);
        }

        private static IQueryable<Meeting> LaterOrSame(ZonePollDbContext db, int meetingId) =>
            db.Meetings.Where(later => db.Meetings.Any(changed =>
                changed.Id == meetingId
                && changed.TeamId == later.TeamId
                && (later.Id == meetingId || later.Date > changed.Date || (later.Date == changed.Date && later.Id > changed.Id))));

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
