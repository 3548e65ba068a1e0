namespace ZonePoll.Web.Email;

/// <summary>The kinds of e-mail ZonePoll sends; each person turns each one on or off, and each carries its own unsubscribe.</summary>
public enum EmailKind
{
    /// <summary>A meeting was opened: each rep of the team is asked to fill in their ten.</summary>
    MeetingOpened,

    /// <summary>A manager invited an address to join the team.</summary>
    Invitation,

    /// <summary>The working day before a meeting, 09:00 team time: each rep not yet in.</summary>
    MeetingReminder,

    /// <summary>Each working morning, 08:00 team time: a follow-up owner's follow-ups due by the next working day, or overdue.</summary>
    FollowUpDigest,

    /// <summary>Monday 08:00 team time: each manager's week ahead for the team.</summary>
    WeeklyDigest,
}

/// <summary>The words people read for each kind, on the account page, the unsubscribe page and every e-mail's footer.</summary>
public static class EmailKinds
{
    public static IReadOnlyList<EmailKind> All { get; } = Enum.GetValues<EmailKind>();

    /// <summary>
    /// Whether a message is for its team's members only, so a person removed from the team (or a team archived) after
    /// it was queued is not sent it. Invitations go to addresses that are not members yet; a meeting-opened row without
    /// a meeting is not one a meeting's opening wrote.
    /// </summary>
    public static bool IsForTeamMembers(OutboxMessage message) => message.Kind switch
    {
        EmailKind.MeetingOpened => message.MeetingId is not null,
        EmailKind.MeetingReminder or EmailKind.WeeklyDigest => true,
        _ => false,
    };

    public static string Name(EmailKind kind) => kind switch
    {
        EmailKind.MeetingOpened => "Meeting open: fill in your ten",
        EmailKind.Invitation => "Invitations to join a team",
        EmailKind.MeetingReminder => "Reminder the day before a meeting",
        EmailKind.FollowUpDigest => "Follow-ups due: a morning digest",
        EmailKind.WeeklyDigest => "Weekly digest for managers",
        _ => kind.ToString(),
    };

    public static string Explanation(EmailKind kind) => kind switch
    {
        EmailKind.MeetingOpened => "When a manager opens a meeting of a team you are a rep on, with the link to your worksheet.",
        EmailKind.Invitation => "When a manager invites your address to join their team.",
        EmailKind.MeetingReminder => "At 09:00 on the working day before a meeting, if you have not filled in your ten yet.",
        EmailKind.FollowUpDigest => "At 08:00 on working days, when follow-ups you own are due by the next working day or overdue; one e-mail at most a day.",
        EmailKind.WeeklyDigest => "On Monday at 08:00, for each team you manage: who is in for the next meeting, follow-ups and churn.",
        _ => "",
    };
}
