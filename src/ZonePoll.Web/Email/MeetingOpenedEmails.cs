using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Email;

/// <summary>
/// "Fill in your ten": queued for each rep of the team when a meeting opens, in the opening's transaction; once per rep and
/// meeting, so a meeting put back to draft and opened again does not write twice.
/// </summary>
public sealed class MeetingOpenedEmails(EmailOutbox outbox)
{
    /// <summary>After the commit: this instance's sender starts at once.</summary>
    public void Committed() => outbox.Committed();

    /// <summary>What the manager is told after an opening: how many reps were e-mailed, and where the mail went.</summary>
    public string Sent(int emailed) => emailed switch
    {
        0 => "",
        1 => " 1 rep was e-mailed the link to their worksheet. " + outbox.Destination,
        _ => $" {emailed} reps were e-mailed the link to their worksheet. " + outbox.Destination,
    };

    public async Task<int> AddAsync(ZonePollDbContext db, HttpRequest request, int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.Title, m.Date, m.TeamId, TeamName = m.Team!.Name })
            .SingleAsync(cancellationToken);
        var reps = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == meeting.TeamId && m.Role == TeamRole.Rep && m.User!.Email != null)
            .Where(m => !db.EmailOutbox.Any(o => o.MeetingId == meetingId && o.Kind == EmailKind.MeetingOpened && o.ToAddress == m.User!.Email))
            .OrderBy(m => m.UserId)
            .Select(m => new Recipient(m.User!.Email!, m.User.DisplayName))
            .ToListAsync(cancellationToken);
        var date = meeting.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        return await outbox.AddAsync(db, request, meeting.TeamId, EmailKind.MeetingOpened, reps, rep => new EmailContent(
            $"Fill in your ten for {meeting.Title} ({date})",
            [
                $"Hi {rep.Name},",
                $"{meeting.Title} for {meeting.TeamName} is open. Before the meeting on {date}, list ten of your customers in the three "
                + "zones: Service Recovery, Expectations and Surprises. It takes a few minutes and you can change it until the meeting.",
            ],
            "Fill in your ten",
            $"/meetings/{meetingId}/worksheet",
            $"You get this because you are a rep on {meeting.TeamName} in ZonePoll."), cancellationToken, meetingId);
    }
}
