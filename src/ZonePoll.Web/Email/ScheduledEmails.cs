using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Email;

/// <summary>A team's working day as a tick finds it, in the team's time zone.</summary>
public sealed record TeamDay(int Id, string Name, DateOnly Today, TimeSpan TimeOfDay, DateOnly NextWorkingDay);

/// <summary>
/// Something else a team's working morning causes, ticked with the scheduled e-mails: the team chat's posts. It lives in
/// a feature that depends on e-mail, so e-mail knows it only by this.
/// </summary>
public interface IScheduledTeamPosts
{
    /// <summary>Queues (and saves) what is due for <paramref name="team"/> and not queued before; returns how many.</summary>
    Task<int> QueueAsync(ZonePollDbContext db, TeamDay team, CancellationToken cancellationToken);
}

/// <summary>
/// Queues the e-mails that a time, not a change, causes: the day-before reminder, the follow-up owners' morning digest
/// and the managers' weekly digest, each in the team's own time zone and on working days. Every instance ticks; each
/// message carries a <see cref="OutboxMessage.DedupeKey"/> under a unique index, so a second tick (this instance's, a
/// restarted one's or another instance's) that would queue it again is refused by the database and passes over it.
/// A tick after the hour still queues what is due that day, so a restart at 09:30 loses nothing.
/// </summary>
public sealed class ScheduledEmails(
    IServiceScopeFactory scopes, EmailOutbox outbox, ScheduledLinks links, TallyCache tallies, IOptions<EmailSettings> settings, TimeProvider clock,
    IEnumerable<IScheduledTeamPosts> posts, ILogger<ScheduledEmails> logger) : BackgroundService
{
    public static readonly TimeSpan ReminderAt = TimeSpan.FromHours(9);
    public static readonly TimeSpan DigestAt = TimeSpan.FromHours(8);

    private sealed record TeamClock(int Id, string Name, DateOnly Today, TimeSpan TimeOfDay)
    {
        public bool WorkingDay => FollowUpClock.IsWorkingDay(Today);

        /// <summary>The next working day: "tomorrow" for a reminder or a due date, so Friday's covers Monday.</summary>
        public DateOnly NextWorkingDay => FollowUpClock.AddWorkingDays(Today, 1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Value.ScheduleSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Value.ScheduleSeconds), clock);
        do
        {
            try
            {
                await TickAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The database is away: what is due is still due at the next tick (the keys keep it to once).
                logger.LogWarning(e, "Scheduled e-mails could not be queued; trying again at the next tick.");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Queues whatever is due at <paramref name="now"/> and not queued before; returns how many it queued. The messages
    /// themselves are stamped with the clock's time, as the sender reads it.
    /// </summary>
    public async Task<int> TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        var teams = (await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null).Select(t => new { t.Id, t.Name, t.TimeZone })
                .ToListAsync(cancellationToken))
            .Select(t =>
            {
                // A zone the server no longer knows keeps to UTC rather than stopping every team's mail.
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(t.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
                var local = TimeZoneInfo.ConvertTime(now, zone);
                return new TeamClock(t.Id, t.Name, DateOnly.FromDateTime(local.DateTime), local.TimeOfDay);
            })
            .ToList();
        var added = 0;
        foreach (var team in teams.Where(t => t.WorkingDay && t.TimeOfDay >= ReminderAt))
        {
            added += await RemindersAsync(db, team, cancellationToken);
        }

        added += await FollowUpDigestsAsync(db, teams, cancellationToken);
        foreach (var team in teams.Where(t => t.Today.DayOfWeek == DayOfWeek.Monday && t.TimeOfDay >= DigestAt))
        {
            added += await WeeklyDigestsAsync(db, team, cancellationToken);
        }
        if (added > 0)
        {
            outbox.Committed();
        }

        // The team chat's morning posts, on the same clock and working days.
        foreach (var team in teams.Where(t => t.WorkingDay))
        {
            foreach (var post in posts)
            {
                added += await post.QueueAsync(db, new TeamDay(team.Id, team.Name, team.Today, team.TimeOfDay, team.NextWorkingDay), cancellationToken);
            }
        }

        return added;
    }

    private async Task<int> RemindersAsync(ZonePollDbContext db, TeamClock team, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.TeamId == team.Id && m.Status == MeetingStatus.Open && m.Date > team.Today && m.Date <= team.NextWorkingDay)
            .Select(m => new { m.Id, m.Title, m.Date })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var meeting in meetings)
        {
            var reps = await db.TeamMembers.AsNoTracking()
                .Where(m => m.TeamId == team.Id && m.Role == TeamRole.Rep && m.User!.Email != null)
                .Where(m => !db.Worksheets.Any(w => w.MeetingId == meeting.Id && w.RepId == m.UserId))
                .OrderBy(m => m.UserId)
                .Select(m => new { m.UserId, Recipient = new Recipient(m.User!.Email!, m.User.DisplayName) })
                .ToListAsync(cancellationToken);
            var when = meeting.Date == team.Today.AddDays(1) ? "tomorrow" : "on " + meeting.Date.ToString("dddd", CultureInfo.InvariantCulture);
            var date = meeting.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
            var messages = reps.Select(rep => outbox.Message(
                EmailKind.MeetingReminder, team.Id, meeting.Id, rep.Recipient, new EmailContent(
                    $"Reminder: fill in your ten for {meeting.Title} {when}",
                    [
                        $"Hi {rep.Recipient.Name},",
                        $"{meeting.Title} for {team.Name} is {when} ({date}) and your ten are not in yet. List ten of your customers in the "
                        + "three zones: Service Recovery, Expectations and Surprises. It takes a few minutes.",
                    ],
                    "Fill in your ten",
                    $"/meetings/{meeting.Id}/worksheet",
                    $"You get this because you are a rep on {team.Name} in ZonePoll and have not filled in your ten for this meeting."),
                links.For, clock.GetUtcNow(), $"reminder:{meeting.Id}:{rep.UserId}"));
            added += await QueueAsync(db, EmailKind.MeetingReminder, messages.ToList(), cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// One e-mail a day at most to each follow-up or action owner, with every open follow-up and action of theirs, on any
    /// team in use, due by its team's next working day or overdue; actions alone are reason enough to write. A person on
    /// teams in several zones hears at 08:00 in the zone of the lowest numbered of those teams (their first), and that
    /// team's date is the day the e-mail is once for.
    /// </summary>
    private async Task<int> FollowUpDigestsAsync(ZonePollDbContext db, List<TeamClock> teams, CancellationToken cancellationToken)
    {
        var clocks = teams.ToDictionary(t => t.Id);
        var ids = clocks.Keys.ToList();
        var open = await db.FollowUps.AsNoTracking()
            .Where(f => f.ClosedAt == null && ids.Contains(f.TeamId) && f.Owner!.Email != null)
            .Where(f => db.TeamMembers.Any(m => m.TeamId == f.TeamId && m.UserId == f.OwnerId))
            .Select(f => new
            {
                f.Id,
                f.TeamId,
                f.OwnerId,
                f.DueOn,
                f.ClarifiedOn,
                f.FixedOn,
                f.FollowedUpOn,
                Customer = f.Customer!.Name,
                Email = f.Owner!.Email!,
                f.Owner.DisplayName,
            })
            .ToListAsync(cancellationToken);
        // The owner's own actions: naming their customer tells them nothing another rep keeps from them.
        var openActions = await db.MeetingActions.AsNoTracking()
            .Where(a => a.DoneOn == null && ids.Contains(a.TeamId) && a.Owner!.Email != null)
            .Where(a => db.TeamMembers.Any(m => m.TeamId == a.TeamId && m.UserId == a.OwnerId))
            .Select(a => new { a.Id, a.TeamId, a.OwnerId, a.DueOn, a.Text, Customer = (string?)a.Customer!.Name, Email = a.Owner!.Email!, a.Owner.DisplayName })
            .ToListAsync(cancellationToken);
        var followUpsDue = open.Where(f => f.DueOn <= clocks[f.TeamId].NextWorkingDay).ToLookup(f => f.OwnerId);
        var actionsDue = openActions.Where(a => a.DueOn <= clocks[a.TeamId].NextWorkingDay).ToLookup(a => a.OwnerId);
        var messages = new List<OutboxMessage>();
        foreach (var ownerId in followUpsDue.Select(g => g.Key).Union(actionsDue.Select(g => g.Key)).Order(StringComparer.Ordinal))
        {
            var due = followUpsDue[ownerId].OrderBy(f => f.DueOn).ThenBy(f => f.Customer, StringComparer.CurrentCulture).ToList();
            var actions = actionsDue[ownerId].OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToList();
            var first = clocks[due.Select(f => f.TeamId).Concat(actions.Select(a => a.TeamId)).Min()];
            if (!first.WorkingDay || first.TimeOfDay < DigestAt)
            {
                continue;
            }

            var overdue = due.Count(f => f.DueOn < clocks[f.TeamId].Today);
            var items = due.Select(f =>
            {
                var team = clocks[f.TeamId];
                var step = FollowUpStepStyle.Next(f.ClarifiedOn, f.FixedOn, f.FollowedUpOn) is { } next ? FollowUpStepStyle.Of(next) : null;
                var text = $"{f.Customer} ({team.Name}): {When(f.DueOn, team)}. Next step: {step?.Name ?? "close it"}"
                    + (step is null ? "." : $" ({step.Description.TrimEnd('.')}).");
                return new EmailItem(text, $"/followups/{f.Id}");
            }).ToList();
            items.AddRange(actions.Select(a =>
            {
                var team = clocks[a.TeamId];
                var about = a.Customer is null ? team.Name : $"{team.Name}, {a.Customer}";
                return new EmailItem($"Action: {a.Text} ({about}): {When(a.DueOn, team)}.", $"/teams/{a.TeamId}/actions?mine=true");
            }));
            var overdueActions = actions.Count(a => a.DueOn < clocks[a.TeamId].Today);
            var recipient = due.Count > 0 ? new Recipient(due[0].Email, due[0].DisplayName) : new Recipient(actions[0].Email, actions[0].DisplayName);
            var subjects = new List<string>();
            if (due.Count > 0)
            {
                subjects.Add("Follow-ups: " + Subject(Count(due.Count, "follow-up"), due.Count, overdue));
            }

            if (actions.Count > 0)
            {
                subjects.Add((due.Count > 0 ? "actions: " : "Actions: ") + Subject(Count(actions.Count, "action"), actions.Count, overdueActions));
            }

            var intro = (due.Count > 0, actions.Count > 0) switch
            {
                (true, false) => "These follow-ups of yours are due by the next working day, or overdue:",
                (false, true) => "These actions you agreed to in your team's meetings are due by the next working day, or overdue:",
                _ => "These follow-ups and actions of yours are due by the next working day, or overdue:",
            };
            messages.Add(outbox.Message(
                EmailKind.FollowUpDigest, first.Id, null, recipient, new EmailContent(
                    string.Join("; ", subjects),
                    [
                        $"Hi {recipient.Name},",
                        "A customer answered fast can become a Surprise; one left waiting defects. " + intro,
                    ],
                    due.Count > 0 ? "Open your follow-ups" : "Open your actions",
                    "/",
                    due.Count > 0
                        ? "You get this because you own follow-ups in ZonePoll that are due."
                        : "You get this because you own actions in ZonePoll that are due.",
                    items),
                links.For, clock.GetUtcNow(), $"followups:{ownerId}:{first.Today:yyyy-MM-dd}"));
        }

        return await QueueAsync(db, EmailKind.FollowUpDigest, messages, cancellationToken);

        static string Day(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);
        static string When(DateOnly dueOn, TeamClock team) =>
            dueOn < team.Today ? "overdue since " + Day(dueOn) : dueOn == team.Today ? "due today" : "due " + Day(dueOn);
        static string Count(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";
        static string Subject(string counted, int count, int overdue) =>
            overdue == 0 ? $"{counted} due soon" : overdue == count ? $"{counted} overdue" : $"{counted} due: {overdue} overdue";
    }

    /// <summary>
    /// Monday's e-mail to each manager of the team. The figures are the next meeting's tally, as the projector shows them
    /// (who is in, the follow-ups with the Recovery clock's median, churn against the meeting before), so the two never disagree.
    /// </summary>
    private async Task<int> WeeklyDigestsAsync(ZonePollDbContext db, TeamClock team, CancellationToken cancellationToken)
    {
        var managers = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == team.Id && m.Role == TeamRole.Manager && m.User!.Email != null)
            .OrderBy(m => m.UserId)
            .Select(m => new { m.UserId, Recipient = new Recipient(m.User!.Email!, m.User.DisplayName) })
            .ToListAsync(cancellationToken);
        if (managers.Count == 0)
        {
            return 0;
        }

        var meetings = db.Meetings.AsNoTracking().Where(m => m.TeamId == team.Id);
        var next = await meetings.Where(m => m.Date >= team.Today).OrderBy(m => m.Date).Select(m => new { m.Id, m.Title, m.Date, m.TallyVersion })
            .FirstOrDefaultAsync(cancellationToken)
            ?? await meetings.OrderByDescending(m => m.Date).Select(m => new { m.Id, m.Title, m.Date, m.TallyVersion }).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return 0;
        }

        var snapshot = (await tallies.GetAsync(next.Id, next.TallyVersion, cancellationToken))?.Manager;
        if (snapshot is null)
        {
            return 0;
        }

        // Every open action of the team, whichever meeting agreed it: the snapshot holds only the next meeting's and last time's.
        var openActions = db.MeetingActions.Where(a => a.TeamId == team.Id && a.DoneOn == null);
        var actions = (
            Open: await openActions.CountAsync(cancellationToken),
            Overdue: await openActions.CountAsync(a => a.DueOn < team.Today, cancellationToken));
        var date = next.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var people = snapshot.Participation;
        var paragraphs = new List<string>
        {
            next.Date >= team.Today
                ? $"Next meeting: {next.Title}, {date}. {people.RepsIn} of {people.RepsTotal} reps are in"
                  + (people.NotSubmitted.Count == 0 ? "." : $"; not yet: {string.Join(", ", people.NotSubmitted)}.")
                : $"No meeting is planned yet; the last was {next.Title}, {date}.",
            snapshot.FollowUps.Line + ".",
            ActionsLine(actions.Open, actions.Overdue),
            snapshot.Churn is { } churn
                ? $"Churn since the meeting of {churn.PreviousDate.ToString("d MMMM", CultureInfo.InvariantCulture)}: {churn.Lost} of {churn.Base} "
                  + $"customers lost ({(churn.Rate * 100).ToString("0.#", CultureInfo.InvariantCulture)}%)."
                : "Churn since the last meeting: nothing to compare with yet.",
        };
        var messages = managers.Select(manager => outbox.Message(
            EmailKind.WeeklyDigest, team.Id, null, manager.Recipient, new EmailContent(
                $"{team.Name}: the week ahead",
                [$"Hi {manager.Recipient.Name},", .. paragraphs],
                "Open the team",
                $"/teams/{team.Id}",
                $"You get this because you manage {team.Name} in ZonePoll."),
            links.For, clock.GetUtcNow(), $"weekly:{team.Id}:{manager.UserId}:{team.Today:yyyy-MM-dd}")).ToList();
        return await QueueAsync(db, EmailKind.WeeklyDigest, messages, cancellationToken);
    }

    /// <summary>"Actions: 4 open · 1 overdue", as the follow-ups' line reads.</summary>
    public static string ActionsLine(int open, int overdue) =>
        open == 0 ? "Actions: none open." : $"Actions: {open} open · {overdue} overdue.";

    /// <summary>
    /// Saves each message on its own, passing over addresses that turned the kind off and keys already queued. The read
    /// of the keys spares the common case an error; the unique index decides a race with another instance.
    /// </summary>
    private static async Task<int> QueueAsync(ZonePollDbContext db, EmailKind kind, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        var keys = messages.Select(m => m.DedupeKey!).ToList();
        var queued = (await db.EmailOutbox.Where(m => m.DedupeKey != null && keys.Contains(m.DedupeKey))
            .Select(m => m.DedupeKey!).ToListAsync(cancellationToken)).ToHashSet();
        var addresses = messages.Select(m => EmailOptOut.Normalize(m.ToAddress)).Distinct().ToList();
        var optedOut = (await db.EmailOptOuts.Where(o => o.Kind == kind && addresses.Contains(o.NormalizedAddress))
            .Select(o => o.NormalizedAddress).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var message in messages.Where(m => !queued.Contains(m.DedupeKey!) && !optedOut.Contains(EmailOptOut.Normalize(m.ToAddress))))
        {
            db.EmailOutbox.Add(message);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }
            catch (DbUpdateException e) when (IsUniqueViolation(e))
            {
                // Another tick queued it first.
            }
            finally
            {
                db.Entry(message).State = EntityState.Detached;
            }
        }

        return added;
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
