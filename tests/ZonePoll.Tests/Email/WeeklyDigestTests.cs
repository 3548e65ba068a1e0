using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Email;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: on Monday at 08:00 team time each manager gets the week ahead, once.</summary>
public sealed class WeeklyDigestTests : IDisposable
{
    private static readonly DateTimeOffset MondayEightUtc = new(2027, 3, 8, 8, 0, 0, TimeSpan.Zero);

    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public WeeklyDigestTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    private Task<int> TickAsync(DateTimeOffset at) => _factory.Services.GetRequiredService<ScheduledEmails>().TickAsync(at, CancellationToken.None);

    private Task<int> WeeklyCountAsync() => _factory.WithDbAsync(db => db.EmailOutbox.CountAsync(m => m.Kind == EmailKind.WeeklyDigest));

    [Fact]
    public async Task EachManagerGetsTheWeekAheadOnMondayAt0800OnceWithWhoIsInAndTheFollowUps()
    {
        var team = await _factory.CreateTeamAsync(reps: 2);
        var other = await _factory.CreateTeamAsync(reps: 0, teamName: "Elsewhere");
        await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 3, 10), "March meeting");
        await _factory.WithDbAsync(async db =>
        {
            var customer = new Customer { TeamId = team.TeamId, Name = "Acme", NormalizedName = "ACME" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            db.FollowUps.Add(new FollowUp
            {
                TeamId = team.TeamId,
                CustomerId = customer.Id,
                OwnerId = team.RepIds[0],
                Cause = FollowUpCause.Recovery,
                OpenedMeetingId = team.MeetingId,
                OpenedOn = new DateOnly(2026, 11, 26),
                DueOn = new DateOnly(2026, 12, 1),
            });
            return await db.SaveChangesAsync();
        });

        await TickAsync(MondayEightUtc.AddDays(-1));
        await TickAsync(MondayEightUtc.AddMinutes(-1));
        Assert.Equal(0, await WeeklyCountAsync());
        await TickAsync(MondayEightUtc);
        await TickAsync(MondayEightUtc.AddHours(2));
        Assert.Equal(2, await WeeklyCountAsync());

        await EmailTests.OutboxSettledAsync(_factory);
        var managers = await EmailTests.AddressesAsync(_factory, [team.ManagerId, other.ManagerId]);
        var digests = _smtp.Received.Where(m => (m.Subject ?? "").EndsWith(": the week ahead", StringComparison.Ordinal)).ToList();
        Assert.Equal(managers.Order(), digests.Select(m => m.To.Mailboxes.Single().Address).Order());
        var north = digests.Single(m => m.To.Mailboxes.Single().Address == managers[0]);
        Assert.Equal("Sales North: the week ahead", north.Subject);
        var text = north.TextBody ?? "";
        Assert.Contains("Next meeting: March meeting, Wednesday 10 March. 0 of 2 reps are in; not yet: Rep 1, Rep 2.", text, StringComparison.Ordinal);
        Assert.Contains("Follow-ups: 1 open · 1 overdue", text, StringComparison.Ordinal);
        Assert.Contains("Churn since the last meeting: nothing to compare with yet.", text, StringComparison.Ordinal);
        Assert.Equal($"{EmailFactory.PublicUrl}/teams/{team.TeamId}", EmailTests.Link(north, $"/teams/{team.TeamId}"));
    }
}
