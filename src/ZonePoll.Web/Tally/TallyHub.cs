using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Live tally updates. A client joins a meeting's group only through its own membership: managers get the
/// full snapshot, reps the team totals (see <see cref="TallySnapshot.ForRep"/>). <see cref="TallyConnections"/>
/// keeps the groups in step with later roster changes.
/// </summary>
[Authorize]
public sealed class TallyHub(TeamAccess access, TallyConnections connections, ZonePollMetrics metrics) : Hub
{
    public const string Path = "/hubs/tally";
    public const string TallyMessage = "tally";

    public static string ManagersGroup(int meetingId) => $"meeting:{meetingId}:managers";

    public static string RepsGroup(int meetingId) => $"meeting:{meetingId}:reps";

    public async Task Join(int meetingId)
    {
        // Read first: a roster change applied after this point is caught by JoinAsync, even if it missed this connection.
        var changesSeen = connections.Changes;
        var meeting = await access.ForMeetingAsync(meetingId, Context.User!, Context.ConnectionAborted)
            ?? throw new HubException("No such meeting.");
        await connections.JoinAsync(Context.ConnectionId, Context.User!.GetUserId(), meeting, changesSeen, Context.ConnectionAborted);
    }

    public override Task OnConnectedAsync()
    {
        metrics.HubConnected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected();
        connections.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
