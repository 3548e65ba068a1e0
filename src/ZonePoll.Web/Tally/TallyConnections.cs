using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Which hub connection joined which meeting's group, by user, so a roster change takes effect on connections
/// already open: a removed member's leave their groups at once, a promoted or demoted member's move to the
/// group of their new role. Without this, a group membership granted at Join would outlive the team membership.
/// </summary>
public sealed class TallyConnections(IHubContext<TallyHub> hub)
{
    private sealed record Joined(string UserId, int MeetingId, int TeamId, string Group);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, Joined>> _byConnection = new();

    public async Task JoinAsync(string connectionId, string userId, MeetingAccessResult meeting, CancellationToken cancellationToken)
    {
        var group = GroupFor(meeting.MeetingId, meeting.Role);
        var joined = _byConnection.GetOrAdd(connectionId, _ => new());
        if (joined.TryGetValue(meeting.MeetingId, out var before) && before.Group != group)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, before.Group, cancellationToken);
        }

        joined[meeting.MeetingId] = new Joined(userId, meeting.MeetingId, meeting.TeamId, group);
        await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
    }

    public void Disconnected(string connectionId) => _byConnection.TryRemove(connectionId, out _);

    /// <summary>
    /// The user's role in the team is now <paramref name="role"/> (null: no longer a member): move or drop each of
    /// their connections to the team's meetings.
    /// </summary>
    public async Task MemberChangedAsync(int teamId, string userId, TeamRole? role, CancellationToken cancellationToken)
    {
        foreach (var (connectionId, meetings) in _byConnection)
        {
            foreach (var joined in meetings.Values.Where(j => j.UserId == userId && j.TeamId == teamId))
            {
                var group = role is { } newRole ? GroupFor(joined.MeetingId, newRole) : null;
                if (group == joined.Group)
                {
                    continue;
                }

                await hub.Groups.RemoveFromGroupAsync(connectionId, joined.Group, cancellationToken);
                if (group is null)
                {
                    meetings.TryRemove(joined.MeetingId, out _);
                }
                else
                {
                    meetings[joined.MeetingId] = joined with { Group = group };
                    await hub.Groups.AddToGroupAsync(connectionId, group, cancellationToken);
                }
            }
        }
    }

    private static string GroupFor(int meetingId, TeamRole role) =>
        role == TeamRole.Manager ? TallyHub.ManagersGroup(meetingId) : TallyHub.RepsGroup(meetingId);
}
