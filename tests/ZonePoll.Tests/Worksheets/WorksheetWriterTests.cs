using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Tally;
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
        return await scope.ServiceProvider.GetRequiredService<WorksheetSaver>()
            .SaveAsync(team.MeetingId, team.TeamId, new DateOnly(2026, 11, 26), repId, version, entries, [], CancellationToken.None);
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
        Assert.Equal(1, await EntriesInAsync(team.MeetingId));
    }

    [Fact]
    public async Task ASaveThatBreaksAConstraintFailsAloneAndLeavesTheOthersSaved()
    {
        var team = await factory.CreateTeamAsync(reps: 3);

        var broken = SaveAsync(team, team.RepIds[0], 0, Entry(0, "Same row"), Entry(0, "Same row again"));
        var first = SaveAsync(team, team.RepIds[1], 0, Entry(0, "Fine Co"));
        var second = SaveAsync(team, team.RepIds[2], 0, Entry(0, "Also Fine Ltd"), Entry(1, "Fine Co"));

        var refused = Assert.IsAssignableFrom<System.Data.Common.DbException>((await Assert.ThrowsAsync<SaveFailedException>(() => broken)).InnerException);
        var constraint = factory.Provider == DatabaseProvider.Sqlite
            ? "UNIQUE constraint failed: Entries.WorksheetId, Entries.Position"
            : "IX_Entries_WorksheetId_Position";
        Assert.Contains(constraint, refused.Message, StringComparison.Ordinal);
        Assert.Equal(SaveOutcome.Saved, (await first).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await second).Outcome);
        var names = await factory.WithDbAsync(db => db.Entries
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId))
            .Select(e => e.CustomerName).ToListAsync());
        Assert.DoesNotContain("Same row", names);
        Assert.Equal(2, names.Count(n => n == "Fine Co"));
        Assert.Single(await factory.WithDbAsync(db => db.Customers.Where(c => c.TeamId == team.TeamId && c.NormalizedName == "fine co").ToListAsync()));
    }

    [Fact]
    public async Task ASecondSaveThatBreaksAConstraintLeavesItsListItsVersionAndItsNewCustomersUnstoredAndTheOthersSaved()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[0], 0, Entry(0, "Kept Co"))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[1], 0, Entry(0, "Other Co"))).Outcome);

        var broken = SaveAsync(team, team.RepIds[0], 1, Entry(0, "Same row"), Entry(0, "Same row again"));
        var fine = SaveAsync(team, team.RepIds[1], 1, Entry(0, "Other Co", Zone.Surprises), Entry(1, "New Co"));

        Assert.IsAssignableFrom<System.Data.Common.DbException>((await Assert.ThrowsAsync<SaveFailedException>(() => broken)).InnerException);
        Assert.Equal(new SaveResult(SaveOutcome.Saved, 2), await fine);
        var stored = await factory.WithDbAsync(db => db.Entries
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId))
            .OrderBy(e => e.CustomerName)
            .Select(e => $"{e.CustomerName}: {e.Zone}")
            .ToListAsync());
        Assert.Equal(["Kept Co: Expectations", "New Co: Expectations", "Other Co: Surprises"], stored);
        Assert.Empty(await factory.WithDbAsync(db =>
            db.Customers.Where(c => c.TeamId == team.TeamId && c.NormalizedName.StartsWith("same row")).ToListAsync()));
        // Still at version 1: the next save from the same form goes through.
        Assert.Equal(new SaveResult(SaveOutcome.Saved, 2), await SaveAsync(team, team.RepIds[0], 1, Entry(0, "Kept Co", Zone.Recovery)));
    }

    [Fact]
    public async Task ASaveThatThrowsAnythingFailsAloneAndAnotherTeamsSavesInItsBatchAreStored()
    {
        var victims = await factory.CreateTeamAsync(reps: 2, teamName: "Victims");
        var attackers = await factory.CreateTeamAsync(reps: 1, teamName: "Attackers");
        await using var writer = HeldWriter(out var held, out var release);
        _ = writer.SubmitAsync(Job(victims, victims.RepIds[0], Entry(0, "First batch Co")));
        await held;

        // Queued while the first batch waits, so the three go as one batch. Eleven entries is more than the writer's
        // prepared inserts hold: it throws an IndexOutOfRangeException, no database error.
        var failing = writer.SubmitAsync(Job(attackers, attackers.RepIds[0], [.. Enumerable.Range(0, 11).Select(i => Entry(i, $"Too many {i}"))]));
        var good = writer.SubmitAsync(Job(victims, victims.RepIds[1], Entry(0, "Good Co")));
        release();

        Assert.Equal(new SaveResult(SaveOutcome.Saved, 1), await good);
        Assert.IsType<IndexOutOfRangeException>((await Assert.ThrowsAsync<SaveFailedException>(() => failing)).InnerException);
        var stored = await factory.WithDbAsync(db => db.Entries
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && (w.MeetingId == victims.MeetingId || w.MeetingId == attackers.MeetingId)))
            .Select(e => e.CustomerName)
            .ToListAsync());
        Assert.Equal(["First batch Co", "Good Co"], stored.Order());
    }

    [Fact]
    public async Task AMeetingDatedOnTheCalendarsLastDayStopsNoOtherTeamsSavesInItsBatch()
    {
        // Such a meeting may already be in a database from before dates were bounded.
        var victims = await factory.CreateTeamAsync(reps: 2, teamName: "Victims");
        var attackers = await factory.CreateTeamAsync(reps: 1, teamName: "Attackers");
        var endOfTime = await factory.CreateMeetingAsync(attackers.TeamId, DateOnly.MaxValue, "The end of time");
        await using var writer = HeldWriter(out var held, out var release);
        _ = writer.SubmitAsync(Job(victims, victims.RepIds[0], Entry(0, "First batch Co")));
        await held;

        // A customer in Recovery opens a follow-up, due three working days after the meeting.
        var attack = writer.SubmitAsync(
            Job(attackers, attackers.RepIds[0], Entry(0, "Unhappy Co", Zone.Recovery)) with { MeetingId = endOfTime, MeetingDate = DateOnly.MaxValue });
        var good = writer.SubmitAsync(Job(victims, victims.RepIds[1], Entry(0, "Good Co", Zone.Recovery)));
        release();

        Assert.Equal(new SaveResult(SaveOutcome.Saved, 1), await good);
        Assert.Equal(SaveOutcome.Saved, (await attack).Outcome);
        var dueDates = await factory.WithDbAsync(db => db.FollowUps
            .Where(f => f.TeamId == victims.TeamId || f.TeamId == attackers.TeamId)
            .Select(f => new { f.Customer!.Name, f.DueOn })
            .ToDictionaryAsync(f => f.Name, f => f.DueOn));
        Assert.Equal(new DateOnly(2026, 12, 1), dueDates["Good Co"]);
        Assert.Equal(DateOnly.MaxValue, dueDates["Unhappy Co"]);
    }

    private Task<int> EntriesInAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId)));

    private static SaveJob Job(TeamSetup team, string repId, params CleanEntry[] entries) =>
        new(team.MeetingId, team.TeamId, new DateOnly(2026, 11, 26), repId, 0, entries, [], null, new Dictionary<string, int>(), DateTimeOffset.UtcNow);

    /// <summary>
    /// A writer of its own over the app's database whose first batch waits, once it has begun, for <paramref name="release"/>:
    /// whatever is submitted meanwhile goes as the next batch, all together.
    /// </summary>
    private WorksheetWriter HeldWriter(out Task held, out Action release)
    {
        var scopes = new HeldScopes(factory.Services.GetRequiredService<IServiceScopeFactory>());
        (held, release) = (scopes.Held.Task, () => scopes.Release.Set());
        return new WorksheetWriter(scopes, factory.Services.GetRequiredService<MeetingChanges>(), NullLogger<WorksheetWriter>.Instance);
    }

    private sealed class HeldScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public IServiceScope CreateScope()
        {
            if (Held.TrySetResult())
            {
                Release.Wait(TimeSpan.FromSeconds(30));
            }

            return inner.CreateScope();
        }
    }

    [Fact]
    public async Task ManySavesAtOnceAllLandWithTheirOwnVersions()
    {
        var team = await factory.CreateTeamAsync(reps: 20);

        var results = await Task.WhenAll(team.RepIds.Select((rep, i) => SaveAsync(team, rep, 0, Entry(0, $"Customer {i}"), Entry(1, "Shared Account"))));

        Assert.All(results, r => Assert.Equal(new SaveResult(SaveOutcome.Saved, 1), r));
        Assert.Equal(40, await EntriesInAsync(team.MeetingId));
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

        Assert.Equal(modelColumns, WorksheetSql.InsertedEntryColumns.Order().ToList());
    }
}
