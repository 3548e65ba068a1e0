using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Email;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: the working day before a meeting, at 09:00 in the team's time zone, each rep not yet in is reminded, once.</summary>
public sealed class MeetingReminderTests : IDisposable
{
    // A Monday meeting: its reminder is due on the Friday before, 09:00 in Berlin (08:00 UTC in March).
    private static readonly DateOnly Monday = new(2027, 3, 8);
    private static readonly DateTimeOffset FridayNineInBerlin = new(2027, 3, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public MeetingReminderTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    private Task<int> TickAsync(DateTimeOffset at) => _factory.Services.GetRequiredService<ScheduledEmails>().TickAsync(at, CancellationToken.None);

    [Fact]
    public async Task OnTheWorkingDayBeforeAt0900TeamTimeEachRepNotYetInIsRemindedOnceWithTheWorksheetLink()
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "Europe/Berlin")));
        var meetingId = await _factory.CreateMeetingAsync(team.TeamId, Monday, "March meeting");
        await _factory.WithDbAsync(db =>
        {
            db.Worksheets.Add(new Worksheet { MeetingId = meetingId, RepId = team.RepIds[0], UpdatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });

        Assert.Equal(0, await TickAsync(FridayNineInBerlin.AddDays(-1)));
        Assert.Equal(0, await TickAsync(FridayNineInBerlin.AddMinutes(-1)));
        // Two instances ticking at once, and a later tick the same day: each rep is reminded once.
        var racing = await Task.WhenAll(TickAsync(FridayNineInBerlin), TickAsync(FridayNineInBerlin));
        Assert.Equal(2, racing.Sum());
        Assert.Equal(0, await TickAsync(FridayNineInBerlin.AddHours(3)));

        var messages = await _smtp.WaitForAsync(2);
        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal(2, _smtp.Received.Count);
        var notIn = await EmailTests.AddressesAsync(_factory, team.RepIds.Skip(1));
        Assert.Equal(notIn.Order(), messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in messages)
        {
            Assert.Equal("Reminder: fill in your ten for March meeting on Monday", message.Subject);
            Assert.Equal($"{EmailFactory.PublicUrl}/meetings/{meetingId}/worksheet", EmailTests.Link(message, "/worksheet"));
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        }
    }

    [Fact]
    public async Task AMeetingTomorrowIsRemindedAsTomorrowAndAnArchivedTeamOrADraftMeetingIsNot()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var archived = await _factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        var wednesday = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 3, 10), "Midweek meeting");
        await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 3, 11), "Draft meeting", ZonePoll.Web.Meetings.MeetingStatus.Draft);
        await _factory.CreateMeetingAsync(archived.TeamId, new DateOnly(2027, 3, 10), "Archived meeting");
        await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == archived.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ArchivedAt, DateTimeOffset.UtcNow)));

        Assert.Equal(1, await TickAsync(new DateTimeOffset(2027, 3, 9, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await TickAsync(new DateTimeOffset(2027, 3, 10, 9, 0, 0, TimeSpan.Zero)));

        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("Reminder: fill in your ten for Midweek meeting tomorrow", message.Subject);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.MeetingId == wednesday && m.Kind == EmailKind.MeetingReminder)));
    }
}
