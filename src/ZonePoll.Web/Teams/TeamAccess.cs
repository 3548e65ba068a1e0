using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Teams;

public sealed record TeamAccessResult(int TeamId, string TeamName, TeamRole Role, bool TeamArchived = false)
{
    public bool IsManager => Role == TeamRole.Manager;
}

/// <summary>A follow-up the caller may work on: they own it, or manage its team.</summary>
public sealed record FollowUpAccessResult(int FollowUpId, int TeamId, string OwnerId, TeamRole Role, bool TeamArchived = false)
{
    public bool IsManager => Role == TeamRole.Manager;
}

public sealed record MeetingAccessResult(
    int MeetingId,
    string Title,
    DateOnly Date,
    MeetingStatus Status,
    int TeamId,
    string TeamName,
    TeamRole Role,
    int TallyVersion = 0,
    bool TeamArchived = false)
{
    public bool IsManager => Role == TeamRole.Manager;
}

/// <summary>
/// Resolves an id from the URL through the user's own memberships, so a non-member learns nothing:
/// null means "answer 404", whether the team or meeting exists or not.
/// </summary>
public sealed class TeamAccess(IServiceProvider services, SqliteMeetingAccess? prepared = null)
{
    // Leased from the pool only when a lookup needs it: on a SQLite file the meeting lookup, all a tally.json request
    // checks, does not, and leasing one and handing it back showed in such a request's profile.
    private ZonePollDbContext Db => field ??= services.GetRequiredService<ZonePollDbContext>();

    public Task<TeamAccessResult?> ForTeamAsync(int teamId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        return Db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == teamId && m.UserId == userId)
            .Select(m => new TeamAccessResult(m.TeamId, m.Team!.Name, m.Role, m.Team.ArchivedAt != null))
            .SingleOrDefaultAsync(cancellationToken);
    }

    // Every meeting route, tally.json above all, pays this lookup.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string, CancellationToken, Task<MeetingAccessResult?>>> MeetingQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, string userId, CancellationToken _) =>
            db.Meetings.AsNoTracking()
                .Where(m => m.Id == meetingId)
                .SelectMany(m => db.TeamMembers.Where(tm => tm.TeamId == m.TeamId && tm.UserId == userId), (m, tm) =>
                    new MeetingAccessResult(
                        m.Id, m.Title, m.Date, m.Status, m.TeamId, m.Team!.Name, tm.Role, m.TallyVersion, m.Team.ArchivedAt != null))
                .SingleOrDefault()));

    public Task<MeetingAccessResult?> ForMeetingAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (prepared is null)
        {
            return MeetingQuery.For(Db)(Db, meetingId, user.GetUserId(), cancellationToken);
        }

        // A primary-key lookup on an open connection is over before a token could interrupt it,
        // and Microsoft.Data.Sqlite's async methods run synchronously anyway.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(prepared.Find(meetingId, user.GetUserId()));
    }

    /// <summary>Null (404) for anyone but the follow-up's owner and its team's managers, members or not.</summary>
    public Task<FollowUpAccessResult?> ForFollowUpAsync(int followUpId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        return Db.FollowUps.AsNoTracking()
            .Where(f => f.Id == followUpId)
            .Join(Db.TeamMembers.Where(tm => tm.UserId == userId), f => f.TeamId, tm => tm.TeamId, (f, tm) => new { f, tm })
            .Where(x => x.tm.Role == TeamRole.Manager || x.f.OwnerId == userId)
            .Select(x => new FollowUpAccessResult(x.f.Id, x.f.TeamId, x.f.OwnerId, x.tm.Role, x.tm.Team!.ArchivedAt != null))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
