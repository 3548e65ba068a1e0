using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Chat;

/// <summary>Issue 24 item 5: the team chat hears "6 of 8 in" the working day before a meeting and each morning's overdue follow-ups.</summary>
public sealed class ScheduledChatPostsTests : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly Monday = new(2027, 3, 8);
    private static readonly DateTimeOffset FridayNineUtc = new(2027, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly ChatFactory _factory = new();
    private WebhookListener _listener = null!;

    public async Task InitializeAsync() => _listener = await WebhookListener.StartAsync();

    public Task DisposeAsync() => _listener.DisposeAsync().AsTask();

    public void Dispose() => _factory.Dispose();

    private Task<int> TickAsync(DateTimeOffset at) => _factory.Services.GetRequiredService<ScheduledEmails>().TickAsync(at, CancellationToken.None);

    [Fact]
    public async Task OnTheWorkingDayBeforeTheChatHearsHowManyRepsAreInOnceWithTeamTotalsOnly()
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        var quiet = await _factory.CreateTeamAsync(reps: 1);
        await TeamChatTests.SaveWebhookAsync(_factory.CreateClientFor(team.ManagerId), team.TeamId, _listener.Url("/team"), namesOn: true);
        var meetingId = await _factory.CreateMeetingAsync(team.TeamId, Monday, "March meeting");
        await _factory.CreateMeetingAsync(quiet.TeamId, Monday, "Quiet meeting");
        await _factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(meetingId, ("Harbor Freight", "Recovery", "Key", "Late"));

        await TickAsync(FridayNineUtc.AddMinutes(-61));
        await TickAsync(FridayNineUtc);
        await TickAsync(FridayNineUtc.AddHours(2));

        var post = Assert.Single(await _listener.WaitForAsync(1));
        Assert.Equal("/team", post.Path);
        Assert.StartsWith("March meeting is on Monday: 1 of 3 reps in.", post.Text, StringComparison.Ordinal);
        Assert.Contains($"{ChatFactory.PublicUrl}/meetings/{meetingId}/worksheet", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor", post.Text, StringComparison.Ordinal);
        // The team without a webhook queued nothing; the one with one queued one post, whatever the ticks.
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Set<ZonePoll.Web.Chat.ChatMessage>().CountAsync()));
    }

    [Fact]
    public async Task EachWorkingMorningTheChatHearsTheOverdueFollowUpCountOnceAndNothingWhenNoneIsOverdue()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        await TeamChatTests.SaveWebhookAsync(_factory.CreateClientFor(team.ManagerId), team.TeamId, _listener.Url());
        await TickAsync(FridayNineUtc);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Set<ZonePoll.Web.Chat.ChatMessage>().CountAsync()));

        await _factory.WithDbAsync(async db =>
        {
            var customer = new Customer { TeamId = team.TeamId, Name = "Harbor Freight", NormalizedName = "HARBOR FREIGHT" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            db.FollowUps.Add(new FollowUp
            {
                TeamId = team.TeamId,
                CustomerId = customer.Id,
                OwnerId = team.RepIds[0],
                Cause = FollowUpCause.Recovery,
                OpenedMeetingId = team.MeetingId,
                OpenedOn = new DateOnly(2027, 2, 25),
                DueOn = new DateOnly(2027, 3, 1),
            });
            return await db.SaveChangesAsync();
        });

        await TickAsync(FridayNineUtc);
        await TickAsync(FridayNineUtc.AddHours(3));
        // Saturday is not a working day; Monday morning is another day.
        await TickAsync(FridayNineUtc.AddDays(1));
        await TickAsync(FridayNineUtc.AddDays(3));

        var name = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.Name).SingleAsync());
        var posts = await _listener.WaitForAsync(2);
        Assert.Equal(2, posts.Count);
        Assert.StartsWith($"{name}, Friday 5 March 2027: 1 follow-up is overdue.", posts[0].Text, StringComparison.Ordinal);
        Assert.StartsWith($"{name}, Monday 8 March 2027: 1 follow-up is overdue.", posts[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor", string.Concat(posts.Select(p => p.Text)), StringComparison.Ordinal);
    }
}
