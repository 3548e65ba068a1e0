using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Teams;

public sealed record TrendMeeting(int Id, string Title, DateOnly Date, bool Revealed = false);

public sealed record TrendEntry(int MeetingId, int CustomerId, Zone Zone);

public sealed record TrendDrop(int MeetingId, int CustomerId, DropReason Reason);

/// <summary>
/// Pure: the trend from every entry and drop of a team, with the tally's rules (<see cref="ZoneMath"/>: a customer
/// counts once, in the lowest zone any rep gave; previous is the latest earlier meeting with entries). History stays
/// as it was saved: unlike the live tally, a rep who has since left still counts at the meetings they took part in.
/// </summary>
public static class TrendBuilder
{
    public static TeamTrend Build(
        int teamId, string teamName, IReadOnlyList<TrendMeeting> meetings, IReadOnlyList<TrendEntry> entries, IReadOnlyList<TrendDrop> drops)
    {
        var entriesByMeeting = entries.ToLookup(e => e.MeetingId);
        var dropsByMeeting = drops.ToLookup(d => d.MeetingId);
        var points = new List<TrendPoint>(meetings.Count);
        Dictionary<int, Zone>? before = null;
        foreach (var meeting in meetings.OrderBy(m => m.Date).ThenBy(m => m.Id))
        {
            var now = new Dictionary<int, Zone>();
            foreach (var entry in entriesByMeeting[meeting.Id])
            {
                ZoneMath.KeepLowest(now, entry.CustomerId, entry.Zone);
            }

            var counts = ZoneMath.CountByZone(now.Values);
            var percents = ZoneMath.LargestRemainderPercentages(counts);
            int? outOfRecovery = null, lost = null, baseCount = null;
            double? rate = null;
            if (before is not null && now.Count > 0)
            {
                outOfRecovery = ZoneMath.Moves(before, now).LeftRecovery;
                lost = dropsByMeeting[meeting.Id]
                    .Where(d => ZoneMath.IsLost(d.Reason, onAList: now.ContainsKey(d.CustomerId)))
                    .Select(d => d.CustomerId)
                    .Distinct()
                    .Count();
                baseCount = before.Count;
                rate = ZoneMath.ChurnRate(lost.Value, baseCount.Value);
            }

            points.Add(new TrendPoint(
                meeting.Id,
                meeting.Title,
                meeting.Date,
                meeting.Revealed,
                now.Count,
                counts[(int)Zone.Recovery],
                counts[(int)Zone.Expectations],
                counts[(int)Zone.Surprises],
                percents[(int)Zone.Recovery],
                percents[(int)Zone.Expectations],
                percents[(int)Zone.Surprises],
                outOfRecovery,
                lost,
                baseCount,
                rate));
            if (now.Count > 0)
            {
                before = now;
            }
        }

        return new TeamTrend(teamId, teamName, points);
    }
}
