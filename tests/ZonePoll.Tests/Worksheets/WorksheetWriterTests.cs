using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class WorksheetWriterTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static CleanEntry Entry(int position, string name, Zone zone = Zone.Expectations) =>
        new(position, name, Customer.Normalize(name), zone, AccountType.Standard, null);

    private async Task<SaveResult> SaveAsync(TeamSetup team, string repId, int version, params CleanEntry[] entries)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorksheetSaver>().SaveAsync(team.MeetingId, team.TeamId, new DateOnly(2026, 11, 26), repId, version, entries, [], CancellationToken.None);
    }

    [Fact]
    public async Task OfTwoSimultaneousFirstSavesOfOneWorksheetExactlyOneWins()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        var results = await Task.WhenAll(
            SaveAsync(team, team.RepIds[0], 0, Entry(0, "From tab one")),
            SaveAsync(team, team.RepIds[0], 0, Entry(0, "From tab two")));

        Assert.Single(results, r => r.Outcome == SaveOutcome.Saved);
        Assert.Single(results, r => r.Outcome == SaveOutcome.ChangedElsewhere && r.Version == 1);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId))));
    }

    [Fact]
    public async Task ASaveThatBreaksAConstraintFailsAloneAndLeavesTheOthersSaved()
    {
        var team = await factory.CreateTeamAsync(reps: 3);

        var broken = SaveAsync(team, team.RepIds[0], 0, Entry(0, "Same row"), Entry(0, "Same row again"));
        var first = SaveAsync(team, team.RepIds[1], 0, Entry(0, "Fine Co"));
        var second = SaveAsync(team, team.RepIds[2], 0, Entry(0, "Also Fine Ltd"), Entry(1, "Fine Co"));

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => broken);
        Assert.Contains(factory.Provider == DatabaseProvider.Sqlite ? "UNIQUE constraint failed: Entries.WorksheetId, Entries.Position" : "IX_Entries_WorksheetId_Position", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SaveOutcome.Saved, (await first).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await second).Outcome);
        var names = await factory.WithDbAsync(db => db.Entries.Select(e => e.CustomerName).ToListAsync());
        Assert.DoesNotContain("Same row", names);
        Assert.Equal(2, names.Count(n => n == "Fine Co"));
        Assert.Single(await factory.WithDbAsync(db => db.Customers.Where(c => c.TeamId == team.TeamId && c.NormalizedName == "fine co").ToListAsync()));
    }

    [Fact]
    public async Task ManySavesAtOnceAllLandWithTheirOwnVersions()
    {
        var team = await factory.CreateTeamAsync(reps: 20);

        var results = await Task.WhenAll(team.RepIds.Select((rep, i) => SaveAsync(team, rep, 0, Entry(0, $"Customer {i}"), Entry(1, "Shared Account"))));

        Assert.All(results, r => Assert.Equal(new SaveResult(SaveOutcome.Saved, 1), r));
        Assert.Equal(40, await factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId))));
        Assert.Single(await factory.WithDbAsync(db => db.Customers.Where(c => c.TeamId == team.TeamId && c.NormalizedName == "shared account").ToListAsync()));
    }

    [Fact]
    public async Task ThePreparedInsertWritesEveryColumnTheModelGivesAnEntry()
    {
        var modelColumns = await factory.WithDbAsync(db =>
        {
            var entry = db.Model.FindEntityType(typeof(Entry))!;
            var table = StoreObjectIdentifier.Table(entry.GetTableName()!, entry.GetSchema());
            return Task.FromResult(entry.GetProperties()
                .Where(p => !p.IsPrimaryKey())
                .Select(p => p.GetColumnName(table)!)
                .Order()
                .ToList());
        });

        Assert.Equal(modelColumns, WorksheetWriter.HotCommands.InsertedEntryColumns.Order().ToList());
    }
}
