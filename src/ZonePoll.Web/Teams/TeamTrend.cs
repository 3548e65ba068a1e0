using ZonePoll.Web.Tally;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Teams;

/// <summary>One meeting on the team's trend: zone shares, customers out of Recovery, and churn.</summary>
/// <remarks>
/// <see cref="OutOfRecovery"/>, <see cref="Lost"/>, <see cref="Base"/> and <see cref="ChurnRate"/> are null at the
/// team's first meeting with entries and at a meeting nobody has saved for yet: there is nothing to compare.
/// <see cref="Revealed"/> is the meeting's reveal switch: until it is on, reps get the point without numbers.
/// </remarks>
public sealed record TrendPoint(
    int MeetingId,
    string Title,
    DateOnly Date,
    bool Revealed,
    int Customers,
    int Recovery,
    int Expectations,
    int Surprises,
    int RecoveryPercent,
    int ExpectationsPercent,
    int SurprisesPercent,
    int? OutOfRecovery,
    int? Lost,
    int? Base,
    double? ChurnRate);

/// <summary>Every meeting of a team, oldest first (newest on the right of the chart).</summary>
public sealed record TeamTrend(int TeamId, string TeamName, IReadOnlyList<TrendPoint> Meetings)
{
    /// <summary>
    /// What a rep may see, by the tally's own rule (<see cref="TallySnapshot.ForRep"/>): a meeting not yet revealed
    /// keeps its place, title and date, with no counts, shares or comparisons.
    /// </summary>
    public TeamTrend ForRep() => this with
    {
        Meetings = [.. Meetings.Select(p => p.Revealed ? p : p with
        {
            Customers = 0,
            Recovery = 0,
            Expectations = 0,
            Surprises = 0,
            RecoveryPercent = 0,
            ExpectationsPercent = 0,
            SurprisesPercent = 0,
            OutOfRecovery = null,
            Lost = null,
            Base = null,
            ChurnRate = null,
        })],
    };
}

public sealed record TrendMeeting(int Id, string Title, DateOnly Date, bool Revealed = false);

public sealed record TrendEntry(int MeetingId, int CustomerId, Zone Zone);

public sealed record TrendDrop(int MeetingId, int CustomerId, DropReason Reason);

/// <summary>
/// Pure: the trend from every entry and drop of a team, with the tally's rules (a customer counts once, in the
/// lowest zone any rep gave; previous is the latest earlier meeting with entries). History stays as it was saved:
/// unlike the live tally, a rep who has since left still counts at the meetings they took part in.
/// </summary>
public static class TrendBuilder
{
    public static TeamTrend Build(int teamId, string teamName, IReadOnlyList<TrendMeeting> meetings, IReadOnlyList<TrendEntry> entries, IReadOnlyList<TrendDrop> drops)
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
                now[entry.CustomerId] = now.TryGetValue(entry.CustomerId, out var zone) && zone < entry.Zone ? zone : entry.Zone;
            }

            int[] counts = [now.Values.Count(z => z == Zone.Recovery), now.Values.Count(z => z == Zone.Expectations), now.Values.Count(z => z == Zone.Surprises)];
            var percents = TallyBuilder.LargestRemainderPercentages(counts);
            int? outOfRecovery = null, lost = null, baseCount = null;
            double? rate = null;
            if (before is not null && now.Count > 0)
            {
                var was = before;
                outOfRecovery = TallyBuilder.Moves(now.Where(c => was.ContainsKey(c.Key)).Select(c => (was[c.Key], c.Value))).LeftRecovery;
                var onAList = now.Keys.ToHashSet();
                lost = dropsByMeeting[meeting.Id].Where(d => TallyBuilder.IsLost(d.Reason, d.CustomerId, onAList)).Select(d => d.CustomerId).Distinct().Count();
                baseCount = before.Count;
                rate = TallyBuilder.Rate(lost.Value, baseCount.Value);
            }

            points.Add(new TrendPoint(meeting.Id, meeting.Title, meeting.Date, meeting.Revealed, now.Count, counts[0], counts[1], counts[2], percents[0], percents[1], percents[2], outOfRecovery, lost, baseCount, rate));
            if (now.Count > 0)
            {
                before = now;
            }
        }

        return new TeamTrend(teamId, teamName, points);
    }
}
