using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// The team's trend as a rep can read it on a phone: team totals of revealed meetings only, by the trend's own rule
/// (<see cref="TeamTrend.ForRep"/>, the one trend.json serves reps). Managers see the same list for every meeting.
/// </summary>
[ForTeamMembers]
public sealed class TrendModel(TrendQuery query) : PageModel
{
    public TeamAccessResult Team => HttpContext.Team();

    /// <summary>Newest first: on a phone the latest meeting is what a rep came for.</summary>
    public IReadOnlyList<TrendPoint> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var team = Team;
        var trend = await query.LoadAsync(team.TeamId, team.TeamName, cancellationToken);
        Meetings = [.. (team.IsManager ? trend : trend.ForRep()).Meetings.Where(p => p.Revealed || team.IsManager).Reverse()];
    }
}
