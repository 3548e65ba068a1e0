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
    public async Task ASecondSaveThatBreaksAConstraintBetweenTwoKeptOnesInABatchLeavesItsListAndNewCustomersUnstoredAndTheOthersSaved()
    {
        var team = await factory.CreateTeamAsync(reps: 4);
        string[] firstLists = ["Kept Co", "Other Co", "Third Co"];
        for (var i = 0; i < firstLists.Length; i++)
        {
            Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[i], 0, Entry(0, firstLists[i]))).Outcome);
        }

        var worksheets = await WorksheetIdsAsync(team.MeetingId);
        await using var writer = HeldWriter(out var held, out var release);
        _ = writer.SubmitAsync(Job(team, team.RepIds[3], Entry(0, "First batch Co")));
        await held;

        // One batch: a kept save, the failing one (its savepoint begun as the first one's is released), another kept one.
        var before = writer.SubmitAsync(SecondSave(team, team.RepIds[1], worksheets, Entry(0, "Other Co", Zone.Surprises), Entry(1, "New Co")));
        var broken = writer.SubmitAsync(SecondSave(team, team.RepIds[0], worksheets, Entry(0, "Same row"), Entry(0, "Same row again")));
        var after = writer.SubmitAsync(SecondSave(team, team.RepIds[2], worksheets, Entry(0, "Third Co", Zone.Recovery)));
        release();

        Assert.Equal(new SaveResult(SaveOutcome.Saved, 2), await before);
        Assert.IsAssignableFrom<System.Data.Common.DbException>((await Assert.ThrowsAsync<SaveFailedException>(() => broken)).InnerException);
        Assert.Equal(new SaveResult(SaveOutcome.Saved, 2), await after);
        Assert.Equal(
            ["First batch Co: Expectations", "Kept Co: Expectations", "New Co: Expectations", "Other Co: Surprises", "Third Co: Recovery"],
            await StoredAsync(team.MeetingId));
        Assert.False(await CustomerExistsAsync(team.TeamId, "same row"));
        // Still at version 1: the next save from the same form goes through.
        Assert.Equal(new SaveResult(SaveOutcome.Saved, 2), await SaveAsync(team, team.RepIds[0], 1, Entry(0, "Kept Co", Zone.Recovery)));
    }

    [Fact]
    public async Task ARefusedSecondSaveStoresNothingItSentNotEvenItsNewCustomers()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[0], 0, Entry(0, "Kept Co"))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[0], 1, Entry(0, "Kept Co", Zone.Surprises))).Outcome);

        Assert.Equal(new SaveResult(SaveOutcome.ChangedElsewhere, 2), await SaveAsync(team, team.RepIds[0], 1, Entry(0, "Ghost Co")));
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, Web.Meetings.MeetingStatus.Locked)));
        Assert.Equal(new SaveResult(SaveOutcome.Locked, 2), await SaveAsync(team, team.RepIds[0], 2, Entry(0, "Phantom Co")));

        Assert.Equal(["Kept Co: Surprises"], await StoredAsync(team.MeetingId));
        Assert.False(await CustomerExistsAsync(team.TeamId, "ghost co"));
        Assert.False(await CustomerExistsAsync(team.TeamId, "phantom co"));
    }

    [Fact]
    public async Task AStaleSaveWhoseListCouldNotBeStoredIsToldItChangedElsewhereAndTheRestOfItsBatchSaves()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[0], 0, Entry(0, "Kept Co"))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[0], 1, Entry(0, "Kept Co", Zone.Surprises))).Outcome);
        Assert.Equal(SaveOutcome.Saved, (await SaveAsync(team, team.RepIds[1], 0, Entry(0, "Other Co"))).Outcome);
        var worksheets = await WorksheetIdsAsync(team.MeetingId);
        await using var writer = HeldWriter(out var held, out var release);
        _ = writer.SubmitAsync(Job(team, team.RepIds[1], Entry(0, "Other Co")) with { WorksheetId = worksheets[team.RepIds[1]], PostedVersion = 1 });
        await held;

        // The request read a customer id that is gone by the time the writer runs (deleted with another meeting), and
        // posts a version that is no longer current: the version decides, whatever its list would have done.
        var stale = writer.SubmitAsync(Job(team, team.RepIds[0], Entry(0, "Gone Co")) with
        {
            WorksheetId = worksheets[team.RepIds[0]],
            PostedVersion = 1,
            KnownCustomers = new Dictionary<string, int> { ["gone co"] = int.MaxValue },
        });
        var good = writer.SubmitAsync(SecondSave(team, team.RepIds[1], worksheets, 2, Entry(0, "Other Co", Zone.Recovery)));
        release();

        Assert.Equal(new SaveResult(SaveOutcome.ChangedElsewhere, 2), await stale);
        Assert.Equal(new SaveResult(SaveOutcome.Saved, 3), await good);
        Assert.Equal(["Kept Co: Surprises", "Other Co: Recovery"], await StoredAsync(team.MeetingId));
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

    private Task<List<string>> StoredAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId))
            .OrderBy(e => e.CustomerName)
            .Select(e => $"{e.CustomerName}: {e.Zone}")
            .ToListAsync());

    private Task<bool> CustomerExistsAsync(int teamId, string normalizedName) =>
        factory.WithDbAsync(db => db.Customers.AnyAsync(c => c.TeamId == teamId && c.NormalizedName.StartsWith(normalizedName)));

    private Task<Dictionary<string, int>> WorksheetIdsAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Worksheets.Where(w => w.MeetingId == meetingId).ToDictionaryAsync(w => w.RepId, w => w.Id));

    /// <summary>A save of a list the rep has saved before, from a form loaded at <paramref name="version"/>.</summary>
    private static SaveJob SecondSave(TeamSetup team, string repId, Dictionary<string, int> worksheets, int version, params CleanEntry[] entries) =>
        Job(team, repId, entries) with { WorksheetId = worksheets[repId], PostedVersion = version };

    private static SaveJob SecondSave(TeamSetup team, string repId, Dictionary<string, int> worksheets, params CleanEntry[] entries) =>
        SecondSave(team, repId, worksheets, 1, entries);

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
