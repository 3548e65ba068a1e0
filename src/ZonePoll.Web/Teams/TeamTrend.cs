using ZonePoll.Web.Tally;

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
