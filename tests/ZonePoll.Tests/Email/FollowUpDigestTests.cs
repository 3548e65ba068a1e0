using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: each follow-up owner gets one morning e-mail a day at most, with what is due by the next working day or overdue.</summary>
public sealed class FollowUpDigestTests : IDisposable
{
    private static readonly DateOnly Wednesday = new(2027, 3, 10);
    private static readonly DateTimeOffset WednesdayEightUtc = new(2027, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public FollowUpDigestTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    private Task<int> TickAsync(DateTimeOffset at) => _factory.Services.GetRequiredService<ScheduledEmails>().TickAsync(at, CancellationToken.None);

    [Fact]
    public async Task AnOwnerGetsOneDigestADayAcrossTheirTeamsWithEachDueOrOverdueFollowUpItsLinkAndNextStep()
    {
        var north = await _factory.CreateTeamAsync(reps: 2);
        var east = await _factory.CreateTeamAsync(reps: 0, teamName: "Sales East");
        var owner = north.RepIds[0];
        await _factory.WithDbAsync(async db =>
        {
            db.TeamMembers.Add(new TeamMember { TeamId = east.TeamId, UserId = owner, Role = TeamRole.Rep, JoinedAt = DateTimeOffset.UtcNow });
            await db.Teams.Where(t => t.Id == east.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "Asia/Tokyo"));
            return await db.SaveChangesAsync();
        });
        var acme = await AddFollowUpAsync(north, owner, "Acme", Wednesday.AddDays(-2), clarified: true);
        var globex = await AddFollowUpAsync(north, owner, "Globex", Wednesday.AddDays(1));
        await AddFollowUpAsync(north, owner, "Initech", Wednesday.AddDays(5));
        await AddFollowUpAsync(north, owner, "Closed Co", Wednesday.AddDays(-5), closed: true);
        var umbrella = await AddFollowUpAsync(east, owner, "Umbrella", Wednesday);
        await AddFollowUpAsync(north, north.RepIds[1], "Hooli", Wednesday.AddDays(7));

        // The owner's first team works in UTC: nothing before 08:00 there, however late it is in Tokyo.
        Assert.Equal(0, await TickAsync(WednesdayEightUtc.AddMinutes(-1)));
        Assert.Equal(1, await TickAsync(WednesdayEightUtc));
        Assert.Equal(0, await TickAsync(WednesdayEightUtc.AddHours(6)));

        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal((await EmailTests.AddressesAsync(_factory, [owner])).Single(), message.To.Mailboxes.Single().Address);
        Assert.Equal("Follow-ups: 3 follow-ups due: 1 overdue", message.Subject);
        var text = message.TextBody;
        Assert.Contains("Acme (Sales North): overdue since Mon 8 Mar. Next step: Fix it", text, StringComparison.Ordinal);
        Assert.Contains("Umbrella (Sales East): due today. Next step: Clarify", text, StringComparison.Ordinal);
        Assert.Contains("Globex (Sales North): due Thu 11 Mar.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed Co", text, StringComparison.Ordinal);
        Assert.Equal(
            new[] { acme, umbrella, globex }.Select(id => $"{EmailFactory.PublicUrl}/followups/{id}"),
            EmailTests.Links(message).Where(l => l.Contains("/followups/", StringComparison.Ordinal)));
        Assert.Contains($"href=\"{EmailFactory.PublicUrl}/followups/{acme}\"", message.HtmlBody, StringComparison.Ordinal);

        // The next morning it comes again, once; the owner can open each link.
        Assert.Equal(1, await TickAsync(WednesdayEightUtc.AddDays(1)));
        await _smtp.WaitForAsync(2);
        using var page = await _factory.CreateClientFor(owner).GetAsync($"/followups/{acme}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    private Task<int> AddFollowUpAsync(TeamSetup team, string ownerId, string customer, DateOnly dueOn, bool clarified = false, bool closed = false) =>
        _factory.WithDbAsync(async db =>
        {
            var row = new Customer { TeamId = team.TeamId, Name = customer, NormalizedName = customer.ToUpperInvariant() };
            db.Customers.Add(row);
            await db.SaveChangesAsync();
            var followUp = new FollowUp
            {
                TeamId = team.TeamId,
                CustomerId = row.Id,
                OwnerId = ownerId,
                Cause = FollowUpCause.Recovery,
                OpenedMeetingId = team.MeetingId,
                OpenedOn = dueOn.AddDays(-3),
                DueOn = dueOn,
                ClarifiedOn = clarified ? dueOn.AddDays(-2) : null,
                ClosedAt = closed ? DateTimeOffset.UtcNow : null,
                Closure = closed ? FollowUpClosure.FollowedUp : null,
            };
            db.FollowUps.Add(followUp);
            await db.SaveChangesAsync();
            return followUp.Id;
        });
}
