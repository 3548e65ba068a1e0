using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>
/// Live tally updates. A client joins a meeting's group only through its own membership: managers get the
/// full snapshot, reps the team totals (see <see cref="TallySnapshot.ForRep"/>). <see cref="TallyConnections"/>
/// keeps the groups in step with later roster changes.
/// </summary>
/// <remarks>
/// A manager of the meeting's team also drives its projectors from here (the dashboard, the phone remote, the projector
/// page itself): each command is checked against the caller's own membership, as the pages' rule checks it, and its
/// result goes to the meeting's managers' group (every instance's, through the backplane), never only to the caller.
/// </remarks>
[Authorize]
public sealed class TallyHub(
    TeamAccess access,
    TallyConnections connections,
    ZonePollDbContext db,
    ProjectorState projector,
    ProjectorSwitches switches,
    ZonePollMetrics metrics) : Hub
{
    public const string Path = "/hubs/tally";
    public const string TallyMessage = "tally";

    /// <summary>The message a <see cref="ProjectorView"/> goes out as, to the managers' group.</summary>
    public const string ProjectorMessage = "projector";

    public const string NoSuchMeeting = "No such meeting.";

    public const string NotAManager = "Only a manager of this meeting's team can drive its projector.";
    public const string Archived = "This team is archived: it is read-only until a manager restores it from the team page.";

    public static string ManagersGroup(int meetingId) => $"meeting:{meetingId}:managers";

    public static string RepsGroup(int meetingId) => $"meeting:{meetingId}:reps";

    public async Task Join(int meetingId)
    {
        // Read first: a roster change applied after this point is caught by JoinAsync, even if it missed this connection.
        var changesSeen = connections.Changes;
        var meeting = await access.ForMeetingAsync(meetingId, Context.User!, Context.ConnectionAborted);
        if (meeting is null || !await connections.JoinAsync(Context.ConnectionId, Context.User!.GetUserId(), meeting, changesSeen, Context.ConnectionAborted))
        {
            throw new HubException(NoSuchMeeting);
        }
    }

    /// <summary>Where the meeting's projectors are: a projector or remote that opens late starts there.</summary>
    public async Task<ProjectorView> Projector(int meetingId)
    {
        await ManagerOfAsync(meetingId);
        return projector.Get(meetingId);
    }

    public async Task<ProjectorView> ShowView(int meetingId, string view)
    {
        await ManagerOfAsync(meetingId);
        if (!ProjectorView.Views.Contains(view))
        {
            throw new HubException("No such view.");
        }

        return await SendAsync(meetingId, projector.ShowView(meetingId, view));
    }

    /// <summary>The next (a positive step) or previous (a negative one) prompt, round the meeting's list.</summary>
    public async Task<ProjectorView> MovePrompt(int meetingId, int step)
    {
        await ManagerOfAsync(meetingId);
        var prompts = await db.MeetingPrompts.CountAsync(p => p.MeetingId == meetingId, Context.ConnectionAborted);
        return await SendAsync(meetingId, projector.MovePrompt(meetingId, Math.Sign(step), prompts));
    }

    /// <summary>The dashboard's reveal switch, by the same path: the projectors follow with the next snapshot.</summary>
    public async Task Reveal(int meetingId, bool revealed)
    {
        var meeting = await ManagerOfAsync(meetingId);
        if (!await switches.RevealAsync(db, meeting, revealed, Context.ConnectionAborted))
        {
            throw new HubException(Archived);
        }
    }

    public async Task ShowNames(int meetingId, bool show)
    {
        var meeting = await ManagerOfAsync(meetingId);
        if (!await switches.CustomerNamesAsync(db, meeting, show, Context.ConnectionAborted))
        {
            throw new HubException(Archived);
        }
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

    /// <summary>The rule the projector and dashboard pages carry, [ForMeetingMembers(MemberRole.Manager)], read afresh per command.</summary>
    private async Task<MeetingAccessResult> ManagerOfAsync(int meetingId)
    {
        var meeting = await access.ForMeetingAsync(meetingId, Context.User!, Context.ConnectionAborted)
            ?? throw new HubException(NoSuchMeeting);
        return meeting.IsManager ? meeting : throw new HubException(NotAManager);
    }

    private async Task<ProjectorView> SendAsync(int meetingId, ProjectorView view)
    {
        await Clients.Group(ManagersGroup(meetingId)).SendAsync(ProjectorMessage, view, Context.ConnectionAborted);
        return view;
    }
}
