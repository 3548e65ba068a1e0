namespace ZonePoll.Web.Teams;

public enum TeamRole
{
    Rep,
    Manager,
}

/// <summary>How often a team meets: the next meeting's date (and so its title) is proposed from it.</summary>
public enum TeamCadence
{
    Weekly,
    Fortnightly,
    Monthly,
}

public static class TeamCadences
{
    public static IReadOnlyList<TeamCadence> All { get; } = Enum.GetValues<TeamCadence>();

    public static string Label(TeamCadence cadence) => cadence switch
    {
        TeamCadence.Weekly => "Weekly",
        TeamCadence.Fortnightly => "Every two weeks",
        _ => "Monthly",
    };

    public static DateOnly After(DateOnly date, TeamCadence cadence) => cadence switch
    {
        TeamCadence.Weekly => date.AddDays(7),
        TeamCadence.Fortnightly => date.AddDays(14),
        _ => date.AddMonths(1),
    };

    /// <summary>
    /// The date to propose for a team's next meeting: one step of the cadence after its latest meeting, stepped on until
    /// it is no earlier than today (a team back after a break meets next from now, not on a date long gone); today when
    /// it has none. Pure.
    /// </summary>
    public static DateOnly NextMeeting(DateOnly? latest, TeamCadence cadence, DateOnly today)
    {
        if (latest is not { } last)
        {
            return today;
        }

        var next = After(last, cadence);
        if (next < today)
        {
            // Whole steps at once: a monthly team last seen in 2001 costs no more than one seen last month.
            next = cadence == TeamCadence.Monthly
                ? last.AddMonths(((today.Year - last.Year) * 12) + today.Month - last.Month)
                : last.AddDays((today.DayNumber - last.DayNumber) / StepDays(cadence) * StepDays(cadence));
            while (next < today)
            {
                next = After(next, cadence);
            }
        }

        return next;
    }

    /// <summary>The title a new meeting is proposed with: the team's name and the meeting's date.</summary>
    public static string TitleFor(string teamName, DateOnly date, int maxLength)
    {
        var day = " · " + date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var name = teamName.Length + day.Length > maxLength ? teamName[..Math.Max(0, maxLength - day.Length)].TrimEnd() : teamName;
        return name + day;
    }

    private static int StepDays(TeamCadence cadence) => cadence == TeamCadence.Weekly ? 7 : 14;
}

public sealed class Team
{
    public const int NameMaxLength = 80;
    public const string DefaultTimeZone = "UTC";
    public const int TimeZoneMaxLength = 64;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string InviteToken { get; set; } = InviteTokens.New();

    /// <summary>When the invite link stops working; null for never.</summary>
    public DateTimeOffset? InviteExpiresAt { get; set; }

    /// <summary>The manager who made the current invite link, named on the join page; null when they have left.</summary>
    public string? InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How often the team meets; proposes the next meeting's date and title.</summary>
    public TeamCadence Cadence { get; set; } = TeamCadence.Monthly;

    /// <summary>
    /// When a manager archived the team; null while in use. An archived team is off its members' home pages and
    /// read-only for everyone (the membership middleware refuses every write) until a manager restores it.
    /// </summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The team chat's incoming-webhook address, encrypted with data protection; null when none is set.</summary>
    public string? ChatWebhook { get; set; }

    /// <summary>The webhook's host alone, the only part of it a page shows again.</summary>
    public string? ChatWebhookHost { get; set; }

    /// <summary>Whether chat posts may name customers; off, they carry team totals only.</summary>
    public bool ChatNamesOn { get; set; }

    /// <summary>
    /// The IANA time zone the team works in (e.g. Europe/Berlin): the day-before reminder and the digests go out at
    /// its morning, on its working days.
    /// </summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// Moves with every change to who is on the team and in which role, in the same commit (<see cref="Tally.MeetingChanges"/>
    /// moves it with the meetings' versions): a tally's loader reads the roster, names and all, again only when it moved.
    /// A feature that renames a user must move it for each of their teams.
    /// </summary>
    public int RosterVersion { get; set; }

    public List<TeamMember> Members { get; } = [];
}

public sealed class TeamMember
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
    public TeamRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public Team? Team { get; set; }
    public Data.AppUser? User { get; set; }
}
