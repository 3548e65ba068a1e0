using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Tests.Pages.Teams;
using ZonePoll.Web.Email;

namespace ZonePoll.Tests.Email;

/// <summary>
/// Issue 23 item 5 in the digests: the owner's morning e-mail lists their actions due by the next working day or overdue
/// (and goes for actions alone), and Monday's managers' e-mail counts the team's open and overdue actions.
/// </summary>
public sealed class ActionDigestTests : IDisposable
{
    private static readonly DateOnly Wednesday = new(2027, 3, 10);
    private static readonly DateTimeOffset WednesdayEightUtc = new(2027, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayEightUtc = new(2027, 3, 8, 8, 0, 0, TimeSpan.Zero);

    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public ActionDigestTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    private Task<int> TickAsync(DateTimeOffset at) => _factory.Services.GetRequiredService<ScheduledEmails>().TickAsync(at, CancellationToken.None);

    [Fact]
    public async Task AnOwnerWithOnlyActionsDueGetsOneDigestListingEachWithItsLinkAndNotTheLaterOrDoneOnes()
    {
        var team = await _factory.CreateTeamAsync(reps: 2);
        var owner = team.RepIds[0];
        await _factory.CreateClientFor(owner).SaveWorksheetAsync(team.MeetingId, ("Harbor", "Expectations", "Key", null));
        var harbor = await _factory.CustomerIdAsync(team.TeamId, "harbor");
        await AddAsync(team.MeetingId, "Call Harbor about the delay", owner, Wednesday.AddDays(-2), harbor);
        await AddAsync(team.MeetingId, "Send the price list", owner, Wednesday.AddDays(1));
        await AddAsync(team.MeetingId, "Plan the spring visit", owner, Wednesday.AddDays(6));
        var done = await AddAsync(team.MeetingId, "Order samples", owner, Wednesday);
        await AddAsync(team.MeetingId, "Rep 2's own call", team.RepIds[1], Wednesday.AddDays(9));
        await _factory.WithDbAsync(db => db.MeetingActions.Where(a => a.Id == done).ExecuteUpdateAsync(s => s.SetProperty(a => a.DoneOn, Wednesday)));

        Assert.Equal(0, await TickAsync(WednesdayEightUtc.AddMinutes(-1)));
        Assert.Equal(1, await TickAsync(WednesdayEightUtc));
        Assert.Equal(0, await TickAsync(WednesdayEightUtc.AddHours(3)));

        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal((await EmailTests.AddressesAsync(_factory, [owner])).Single(), message.To.Mailboxes.Single().Address);
        Assert.Equal("Actions: 2 actions due: 1 overdue", message.Subject);
        var text = message.TextBody;
        Assert.Contains("Action: Call Harbor about the delay (Sales North, Harbor): overdue since Mon 8 Mar.", text, StringComparison.Ordinal);
        Assert.Contains("Action: Send the price list (Sales North): due Thu 11 Mar.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Plan the spring visit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Order samples", text, StringComparison.Ordinal);
        Assert.Equal(
            [$"{EmailFactory.PublicUrl}/teams/{team.TeamId}/actions?mine=true", $"{EmailFactory.PublicUrl}/teams/{team.TeamId}/actions?mine=true"],
            EmailTests.Links(message).Where(l => l.Contains("/actions", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FollowUpsAndActionsDueShareTheOneDigestOfTheDay()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var owner = team.RepIds[0];
        // A Recovery customer opens a follow-up, due within the working days after the save.
        await _factory.CreateClientFor(owner).SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "late"));
        await _factory.WithDbAsync(db => db.FollowUps.ExecuteUpdateAsync(s => s.SetProperty(f => f.DueOn, Wednesday)));
        await AddAsync(team.MeetingId, "Call Acme back", owner, Wednesday);

        Assert.Equal(1, await TickAsync(WednesdayEightUtc));

        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("Follow-ups: 1 follow-up due soon; actions: 1 action due soon", message.Subject);
        Assert.Contains("Acme (Sales North): due today.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Action: Call Acme back (Sales North): due today.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWeeklyDigestCountsTheTeamsOpenAndOverdueActions()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 3, 10), "March meeting");
        var monday = DateOnly.FromDateTime(MondayEightUtc.UtcDateTime);
        await AddAsync(team.MeetingId, "Overdue one", team.RepIds[0], monday.AddDays(-3), today: monday);
        await AddAsync(team.MeetingId, "Open one", team.ManagerId, monday.AddDays(4), today: monday);
        var done = await AddAsync(team.MeetingId, "Done one", team.RepIds[0], monday.AddDays(-5), today: monday);
        await _factory.WithDbAsync(db => db.MeetingActions.Where(a => a.Id == done).ExecuteUpdateAsync(s => s.SetProperty(a => a.DoneOn, monday)));

        await TickAsync(MondayEightUtc);
        await EmailTests.OutboxSettledAsync(_factory);

        var digest = _smtp.Received.Single(m => m.Subject == "Sales North: the week ahead");
        Assert.Contains("Actions: 2 open · 1 overdue.", digest.TextBody, StringComparison.Ordinal);
    }

    private Task<int> AddAsync(int meetingId, string text, string ownerId, DateOnly dueOn, int? customerId = null, DateOnly? today = null) =>
        SeededActions.AddAsync(_factory, meetingId, text, ownerId, dueOn, customerId, today ?? Wednesday);
}
