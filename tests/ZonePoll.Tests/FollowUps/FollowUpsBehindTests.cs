using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.FollowUps;

/// <summary>
/// When a meeting's follow-ups could not be brought in line with a batch's saves, the saves stand and the meeting's
/// next save reconciles every customer: whichever instance takes that save, and after a restart.
/// </summary>
public class FollowUpsBehindTests
{
    private static readonly DateOnly MeetingDate = new(2026, 11, 26);

    [Fact]
    public async Task FollowUpsLeftBehindBeforeARestartAreBroughtInLineByTheNextSaveAfterIt()
    {
        var folder = ZonePollFactory.NewFolder();
        TeamSetup team;
        await using (var before = ZonePollFactory.OverFolder(folder, keepFiles: true, DatabaseProvider.Sqlite))
        {
            team = await before.CreateTeamAsync(reps: 2);
            // Follow-ups cannot be opened for now: the save stands, its follow-up does not.
            await before.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER "NoFollowUps" BEFORE INSERT ON "FollowUps" BEGIN SELECT RAISE(ABORT, 'not now'); END
                """));
            Assert.Equal(SaveOutcome.Saved, (await SaveAsync(before, team, team.RepIds[0], Entry(0, "Unhappy Co", Zone.Recovery))).Outcome);
            Assert.Empty(await FollowedUpAsync(before, team));
            await before.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "NoFollowUps" """));
        }

        await using var after = ZonePollFactory.OverFolder(folder, keepFiles: false, DatabaseProvider.Sqlite);

        // Another rep's save, about another customer only.
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(after, team, team.RepIds[1], Entry(0, "Happy Co", Zone.Surprises))).Outcome);

        Assert.Equal(["Unhappy Co"], await FollowedUpAsync(after, team));
    }

    private static CleanEntry Entry(int position, string name, Zone zone) =>
        new(position, name, Customer.Normalize(name), zone, AccountType.Standard, null);

    private static async Task<SaveResult> SaveAsync(ZonePollFactory app, TeamSetup team, string repId, params CleanEntry[] entries)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorksheetSaver>()
            .SaveAsync(team.MeetingId, team.TeamId, MeetingDate, repId, 0, entries, [], CancellationToken.None);
    }

    private static Task<List<string>> FollowedUpAsync(ZonePollFactory app, TeamSetup team) =>
        app.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId && f.ClosedAt == null).Select(f => f.Customer!.Name).ToListAsync());
}
