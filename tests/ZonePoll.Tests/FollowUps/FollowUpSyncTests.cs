using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.FollowUps;

/// <summary>
/// FollowUpSync finds the meeting's entries of a batch's customers one way for a few customers (a save at a time) and
/// another for many (a burst's batch); both must come to the same follow-ups.
/// </summary>
public class FollowUpSyncTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly MeetingDate = new(2026, 11, 26);

    [Fact]
    public async Task ABatchOfManyCustomersOpensTheSameFollowUpsAsSavingOneRepAtATime()
    {
        var team = await factory.CreateTeamAsync(reps: 6);
        var lists = team.RepIds.Select((rep, i) => (Rep: rep, Entries: ListOf(i))).ToList();
        foreach (var (rep, entries) in lists)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var saved = await scope.ServiceProvider.GetRequiredService<WorksheetSaver>()
                .SaveAsync(team.MeetingId, team.TeamId, MeetingDate, rep, 0, entries, [], CancellationToken.None);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }

        var oneAtATime = await FollowUpsAsync(team);
        // Per rep three in Recovery and one feeling a pinch, and the shared customer rep 0 placed in Recovery.
        Assert.Equal(6 * 4 + 1, oneAtATime.Count);
        Assert.Equal(team.RepIds[0], Assert.Single(oneAtATime, f => f.Customer == "shared account").Owner);

        await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).ExecuteDeleteAsync());
        await factory.WithDbAsync(async db =>
        {
            var customers = await db.Customers.Where(c => c.TeamId == team.TeamId).Select(c => c.Id).ToListAsync();
            Assert.True(customers.Count > 40, "enough customers for the many-customers way");
            var jobs = lists
                .Select(l => new SaveJob(
                    team.MeetingId, team.TeamId, MeetingDate, l.Rep, 1, l.Entries, [], null, new Dictionary<string, int>(), DateTimeOffset.UtcNow))
                .ToList();
            await FollowUpSync.ApplyAsync(db, jobs, customers);
            return 0;
        });

        Assert.Equal(oneAtATime, await FollowUpsAsync(team));
    }

    [Fact]
    public async Task ASaveToAnOlderOpenMeetingLeavesOpenAFollowUpOpenedAheadOfALaterMeeting()
    {
        // Both meetings still ahead: the later one's follow-up starts its clock today, before the older meeting's date.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var team = await factory.CreateTeamAsync(reps: 2);
        var older = await factory.CreateMeetingAsync(team.TeamId, today.AddDays(10), "Older meeting");
        var later = await factory.CreateMeetingAsync(team.TeamId, today.AddDays(20), "Later meeting");
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, later, today.AddDays(20), team.RepIds[0], Entry(0, "Unhappy Co", Zone.Recovery))).Outcome);

        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, older, today.AddDays(10), team.RepIds[1], Entry(0, "Unhappy Co", Zone.Expectations))).Outcome);

        var followUp = Assert.Single(await FollowUpsAsync(team));
        Assert.Equal(later, followUp.Meeting);
        Assert.False(followUp.Closed, "a save for an older meeting says nothing about where the customer stands now");
    }

    [Fact]
    public async Task ASaveNeverTouchesAFollowUpOfAnotherTeamEvenOneNamingItsOwnCustomer()
    {
        // Found through their customers, a save's follow-ups are checked for the team once read: a row of another team
        // naming one of ours (no page makes one) is left as it was.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ours = await factory.CreateTeamAsync(reps: 1);
        var theirs = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        var first = await factory.CreateMeetingAsync(ours.TeamId, today.AddDays(-30), "November meeting");
        var next = await factory.CreateMeetingAsync(ours.TeamId, today, "December meeting");
        // Opened at a meeting before our save's, as ours was: a later one's follow-up a save would leave alone anyway.
        var theirMeeting = await factory.CreateMeetingAsync(theirs.TeamId, today.AddDays(-30), "Their November meeting");
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(ours, first, today.AddDays(-30), ours.RepIds[0], Entry(0, "Unhappy Co", Zone.Recovery))).Outcome);
        var customer = await factory.CustomerIdAsync(ours.TeamId, "unhappy co");
        var foreign = await factory.WithDbAsync(async db =>
        {
            var row = new FollowUp
            {
                TeamId = theirs.TeamId,
                CustomerId = customer,
                OwnerId = theirs.RepIds[0],
                Cause = FollowUpCause.Recovery,
                OpenedMeetingId = theirMeeting,
                OpenedOn = today.AddDays(-30),
                DueOn = today.AddDays(5),
                Version = 1,
            };
            db.FollowUps.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(ours, next, today, ours.RepIds[0], Entry(0, "Unhappy Co", Zone.Expectations))).Outcome);

        var rows = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.CustomerId == customer)
            .Select(f => new { f.Id, f.TeamId, Closed = f.ClosedAt != null, f.Version }).ToListAsync());
        Assert.True(Assert.Single(rows, r => r.TeamId == ours.TeamId).Closed, "our customer left Recovery: our follow-up closes");
        var theirsAfter = Assert.Single(rows, r => r.Id == foreign);
        Assert.False(theirsAfter.Closed);
        Assert.Equal(1, theirsAfter.Version);
    }

    private async Task<SaveResult> SaveAsync(TeamSetup team, int meetingId, DateOnly date, string repId, params CleanEntry[] entries)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorksheetSaver>()
            .SaveAsync(meetingId, team.TeamId, date, repId, 0, entries, [], CancellationToken.None);
    }

    // Nine customers of the rep's own (every third in Recovery, the second feeling a pinch) and one they all share.
    private static List<CleanEntry> ListOf(int rep) =>
    [
        .. Enumerable.Range(0, 9).Select(j => Entry(j, $"Rep {rep} customer {j}", j % 3 == 0 ? Zone.Recovery : Zone.Expectations, pinched: j == 1)),
        Entry(9, "Shared Account", rep == 0 ? Zone.Recovery : Zone.Expectations),
    ];

    private static CleanEntry Entry(int position, string name, Zone zone, bool pinched = false) =>
        new(position, name, Customer.Normalize(name), zone, AccountType.Standard, null, pinched);

    private sealed record Opened(string Customer, FollowUpCause Cause, string Owner, int Meeting, DateOnly DueOn, bool Closed);

    private Task<List<Opened>> FollowUpsAsync(TeamSetup team) =>
        factory.WithDbAsync(db => db.FollowUps
            .Where(f => f.TeamId == team.TeamId)
            .OrderBy(f => f.Customer!.NormalizedName)
            .Select(f => new Opened(f.Customer!.NormalizedName, f.Cause, f.OwnerId, f.OpenedMeetingId, f.DueOn, f.ClosedAt != null))
            .ToListAsync());
}
