using System.Globalization;

namespace ZonePoll.Web.Meetings;

/// <summary>
/// What to say under a meeting's title. The proposed title already is "Team · d MMMM yyyy", and saying the team or
/// the date again reads as if there were two meetings: only what the title leaves out is added.
/// </summary>
public static class MeetingSubtitle
{
    /// <summary>
    /// The team and the date, each unless the title says it. <paramref name="withTeam"/> false leaves the team out where the
    /// page names it already (a team's card on the home page), so only the date may be added.
    /// </summary>
    public static IReadOnlyList<string> Parts(string title, string teamName, DateOnly date, string dateFormat, bool withTeam = true)
    {
        var parts = new List<string>();
        if (withTeam && !title.Contains(teamName, StringComparison.OrdinalIgnoreCase))
        {
            parts.Add(teamName);
        }

        if (!title.Contains(date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
        {
            parts.Add(date.ToString(dateFormat, CultureInfo.InvariantCulture));
        }

        return parts;
    }
}
