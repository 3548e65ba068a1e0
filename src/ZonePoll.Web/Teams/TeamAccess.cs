using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Teams;

public sealed record TeamAccessResult(int TeamId, string TeamName, TeamRole Role)
{
    public bool IsManager => Role == TeamRole.Manager;
}

public sealed record MeetingAccessResult(int MeetingId, string Title, DateOnly Date, MeetingStatus Status, int TeamId, string TeamName, TeamRole Role)
{
    public bool IsManager => Role == TeamRole.Manager;
}

/// <summary>
/// Resolves an id from the URL through the user's own memberships, so a non-member learns nothing:
/// null means "answer 404", whether the team or meeting exists or not.
/// </summary>
public sealed class TeamAccess(ZonePollDbContext db)
{
    public Task<TeamAccessResult?> ForTeamAsync(int teamId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        return db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == teamId && m.UserId == userId)
            .Select(m => new TeamAccessResult(m.TeamId, m.Team!.Name, m.Role))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public Task<MeetingAccessResult?> ForMeetingAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        return db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .SelectMany(m => db.TeamMembers.Where(tm => tm.TeamId == m.TeamId && tm.UserId == userId), (m, tm) =>
                new MeetingAccessResult(m.Id, m.Title, m.Date, m.Status, m.TeamId, m.Team!.Name, tm.Role))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
