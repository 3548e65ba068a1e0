using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Pages.Teams;

/// <summary>Adds actions as the meeting's manager would, through the app's own <see cref="MeetingActions"/> and its rules.</summary>
public static class SeededActions
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Adds the action to <paramref name="meetingId"/> in the manager's name; returns its id.</summary>
    public static async Task<int> AddAsync(
        ZonePollFactory factory, int meetingId, string text, string ownerId, DateOnly dueOn, int? customerId = null, DateOnly? today = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .Select(m => new MeetingAccessResult(m.Id, m.Title, m.Date, m.Status, m.TeamId, m.Team!.Name, TeamRole.Manager, m.TallyVersion, false))
            .SingleAsync();
        var managerId = await db.TeamMembers.Where(m => m.TeamId == meeting.TeamId && m.Role == TeamRole.Manager).Select(m => m.UserId).FirstAsync();
        var form = new ActionForm(
            text, ownerId, dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), customerId?.ToString(CultureInfo.InvariantCulture), null);
        var check = await scope.ServiceProvider.GetRequiredService<MeetingActions>()
            .AddAsync(meeting, managerId, form, today ?? Today, CancellationToken.None);
        Assert.True(check.Values is not null, string.Join("; ", check.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return await db.MeetingActions.Where(a => a.MeetingId == meetingId && a.Text == text).Select(a => a.Id).SingleAsync();
    }

    public static Task<DateOnly?> DoneOnAsync(ZonePollFactory factory, int actionId) =>
        factory.WithDbAsync(db => db.MeetingActions.Where(a => a.Id == actionId).Select(a => a.DoneOn).SingleAsync());
}
