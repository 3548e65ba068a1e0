namespace ZonePoll.Web.Tally;

/// <summary>What a change touched, which decides whose tally versions move.</summary>
public abstract record TallyChange
{
    /// <summary>The meeting's own header, status, projector switches or prompts.</summary>
    public sealed record Meeting(int MeetingId) : TallyChange;

    /// <summary>
    /// The meeting's worksheets, or the meeting's place among the team's meetings (a new one): the later meetings take
    /// their "since last time" from the latest earlier list, so they move too.
    /// </summary>
    public sealed record MeetingAndLater(int MeetingId) : TallyChange;

    /// <summary>
    /// A follow-up or the team's settings: every meeting of the team shows them. Not the roster: a change to who is on
    /// the team, or in which role, is a <see cref="Member"/> change, which also moves the roster's version.
    /// </summary>
    public sealed record Team(int TeamId) : TallyChange;

    /// <summary>A member joined, left or changed role: every meeting moves, and their hub connections follow the role.</summary>
    public sealed record Member(int TeamId, string UserId) : TallyChange;
}
