using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Chat;

/// <summary>
/// The team chat's two morning posts, team totals only: at 09:00 on the working day before a meeting "6 of 8 reps in",
/// and at 08:00 the overdue follow-ups. Each once: the first per meeting, the second per team and day (its text starts
/// with the team's date, and a day that already has one gets no other).
/// </summary>
public sealed class ScheduledChatPosts(TeamChat chat, ScheduledLinks links) : IScheduledTeamPosts
{
    public async Task<int> QueueAsync(ZonePollDbContext db, TeamDay team, CancellationToken cancellationToken)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == team.Id && t.ChatWebhook != null, cancellationToken))
        {
            return 0;
        }

        var added = 0;
        if (team.TimeOfDay >= ScheduledEmails.ReminderAt)
        {
            var meetings = await db.Meetings.AsNoTracking()
                .Where(m => m.TeamId == team.Id && m.Status == MeetingStatus.Open && m.Date > team.Today && m.Date <= team.NextWorkingDay)
                .Where(m => !db.Set<ChatMessage>().Any(c => c.MeetingId == m.Id && c.Kind == ChatKind.RepsIn))
                .Select(m => new
                {
                    m.Id,
                    m.Title,
                    m.Date,
                    Reps = db.TeamMembers.Count(r => r.TeamId == team.Id && r.Role == TeamRole.Rep),
                    In = db.TeamMembers.Count(r => r.TeamId == team.Id && r.Role == TeamRole.Rep
                        && db.Worksheets.Any(w => w.MeetingId == m.Id && w.RepId == r.UserId && w.Entries.Any())),
                })
                .ToListAsync(cancellationToken);
            foreach (var meeting in meetings)
            {
                var when = meeting.Date == team.Today.AddDays(1) ? "tomorrow" : "on " + meeting.Date.ToString("dddd", CultureInfo.InvariantCulture);
                var text = $"{meeting.Title} is {when}: {meeting.In} of {meeting.Reps} reps in. "
                    + $"Not in yet? Fill in your ten: {links.For($"/meetings/{meeting.Id}/worksheet")}";
                chat.Queue(db, team.Id, ChatKind.RepsIn, meeting.Id, text);
                added++;
            }
        }

        if (team.TimeOfDay >= ScheduledEmails.DigestAt)
        {
            var day = $"{team.Name}, {team.Today.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}:";
            var overdue = await db.FollowUps.CountAsync(f => f.TeamId == team.Id && f.ClosedAt == null && f.DueOn < team.Today, cancellationToken);
            if (overdue > 0
                && !await db.Set<ChatMessage>().AnyAsync(c => c.TeamId == team.Id && c.Kind == ChatKind.Overdue && c.Text.StartsWith(day), cancellationToken))
            {
                var text = $"{day} {overdue} follow-up{(overdue == 1 ? " is" : "s are")} overdue. "
                    + $"A customer left waiting defects: {links.For($"/teams/{team.Id}")}";
                chat.Queue(db, team.Id, ChatKind.Overdue, null, text);
                added++;
            }
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            chat.Committed();
        }

        return added;
    }
}
