using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

/// <summary>
/// The writer's hand-written statements repeat the EF model's mapping (names for enums, bits for causes, binary
/// timestamps): each value written through <see cref="WorksheetSql"/> must read back through EF as written, on
/// whichever database the run uses (SQLite, or PostgreSQL with ZONEPOLL_TEST_PROVIDER=PostgreSQL).
/// </summary>
public class WorksheetSqlTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private sealed record StoredEntry(
        int WorksheetId, int Position, int CustomerId, string CustomerName, Zone Zone, AccountType AccountType, string? Note, bool Pinched, ThreeRs Causes);

    [Fact]
    public async Task TheEntryInsertStoresEveryColumnAsEfReadsIt()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var worksheetId = await WorksheetAsync(team.MeetingId, team.RepIds[0]);
        var customers = await CustomersAsync(team.TeamId, Worksheet.MaxEntries);

        // The first row sets every column away from its default; the others vary them, and fill the largest insert.
        List<CleanEntry> entries =
        [
            new(7, "Ångström & Søn's \"Ltd\"", "row 0", Zone.Expectations, AccountType.Growth, "Called twice; 'no' both times — ½ price?", true,
                ThreeRs.Respect | ThreeRs.Reliability),
            .. Enumerable.Range(1, Worksheet.MaxEntries - 1).Select(i => new CleanEntry(
                (i + 7) % Worksheet.MaxEntries,
                $"Customer {i}",
                $"row {i}",
                (Zone)(i % 3),
                (AccountType)(i % 4),
                i % 2 == 0 ? null : $"Note {i}",
                i % 3 == 1,
                (Zone)(i % 3) == Zone.Surprises ? ThreeRs.None : (ThreeRs)(i % 8))),
        ];
        var ids = entries.Select((e, i) => (e.NormalizedName, Id: customers[i])).ToDictionary(x => x.NormalizedName, x => x.Id);

        await InTransactionAsync(sql => sql.InsertEntries(worksheetId, entries, ids));

        var stored = await factory.WithDbAsync(db => db.Entries
            .Where(e => e.WorksheetId == worksheetId)
            .Select(e => new StoredEntry(e.WorksheetId, e.Position, e.CustomerId, e.CustomerName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))
            .ToListAsync());
        var expected = entries.Select(e => new StoredEntry(
            worksheetId, e.Position, ids[e.NormalizedName], e.Name, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes));
        Assert.Equal(expected.OrderBy(e => e.Position), stored.OrderBy(e => e.Position));
    }

    [Fact]
    public async Task TheWorksheetVersionBumpStoresTheNewVersionAndTimeOnlyWhileThePostedVersionIsCurrentAndTheMeetingOpen()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var before = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var worksheetId = await WorksheetAsync(team.MeetingId, team.RepIds[0], version: 3, updatedAt: before);
        var now = new DateTimeOffset(2031, 5, 17, 13, 45, 12, 345, TimeSpan.FromHours(5.5));

        Assert.Equal(0, await InTransactionAsync(sql => sql.BumpVersion(worksheetId, 2, team.MeetingId, now)));
        Assert.Equal((3, before), await VersionAsync(worksheetId));

        Assert.Equal(1, await InTransactionAsync(sql => sql.BumpVersion(worksheetId, 3, team.MeetingId, now)));
        var (version, updatedAt) = await VersionAsync(worksheetId);
        Assert.Equal(4, version);
        Assert.Equal(now, updatedAt);
        Assert.Equal(now.Offset, updatedAt.Offset);

        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeetingStatus.Locked)));
        Assert.Equal(0, await InTransactionAsync(sql => sql.BumpVersion(worksheetId, 4, team.MeetingId, now.AddDays(1))));
        Assert.Equal((4, now), await VersionAsync(worksheetId));
    }

    [Fact]
    public async Task TheDeletesRemoveOnlyTheWorksheetsRowsAndReturnTheirCustomers()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var customers = await CustomersAsync(team.TeamId, 5);
        var worksheetId = await WorksheetAsync(team.MeetingId, team.RepIds[0]);
        var otherId = await WorksheetAsync(team.MeetingId, team.RepIds[1]);
        await factory.WithDbAsync(db =>
        {
            db.Entries.AddRange(customers.Take(3).Select((c, i) => NewEntry(worksheetId, i, c)));
            db.Entries.Add(NewEntry(otherId, 0, customers[0]));
            db.Drops.AddRange(customers.Skip(3).Select(c =>
                new Drop { WorksheetId = worksheetId, CustomerId = c, Reason = DropReason.StoppedBuying, LastZone = Zone.Surprises }));
            db.Drops.Add(new Drop { WorksheetId = otherId, CustomerId = customers[4], Reason = DropReason.LostToCompetitor, LastZone = Zone.Recovery });
            return db.SaveChangesAsync();
        });
        HashSet<int> leftTheList = [], dropped = [];

        await InTransactionAsync(sql =>
        {
            sql.DeleteEntries(worksheetId, leftTheList);
            sql.DeleteDrops(worksheetId, dropped);
        });

        Assert.Equal(customers.Take(3).Order(), leftTheList.Order());
        Assert.Equal(customers.Skip(3).Order(), dropped.Order());
        var left = await factory.WithDbAsync(async db => new
        {
            Entries = await db.Entries.Where(e => e.WorksheetId == worksheetId || e.WorksheetId == otherId).Select(e => e.WorksheetId).ToListAsync(),
            Drops = await db.Drops.Where(d => d.WorksheetId == worksheetId || d.WorksheetId == otherId).Select(d => d.WorksheetId).ToListAsync(),
        });
        Assert.Equal([otherId], left.Entries);
        Assert.Equal([otherId], left.Drops);
    }

    [Fact]
    public async Task ReplacingAListMovesTheVersionSwapsTheEntriesAndClearsTheDropsOnlyWhileThePostedVersionIsCurrent()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var customers = await CustomersAsync(team.TeamId, 6);
        var before = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var worksheetId = await WorksheetAsync(team.MeetingId, team.RepIds[0], version: 3, updatedAt: before);
        var otherId = await WorksheetAsync(team.MeetingId, team.RepIds[1]);
        await factory.WithDbAsync(db =>
        {
            db.Entries.AddRange(customers.Take(2).Select((c, i) => NewEntry(worksheetId, i, c)));
            db.Entries.Add(NewEntry(otherId, 0, customers[0]));
            db.Drops.Add(new Drop { WorksheetId = worksheetId, CustomerId = customers[2], Reason = DropReason.StoppedBuying, LastZone = Zone.Recovery });
            return db.SaveChangesAsync();
        });
        List<CleanEntry> entries =
        [
            new(0, "Known 1", "known 1", Zone.Surprises, AccountType.Key, "Renewed early", false, ThreeRs.None),
            new(1, "Known 3", "known 3", Zone.Recovery, AccountType.Growth, null, false, ThreeRs.Responsiveness),
        ];
        var ids = new Dictionary<string, int> { ["known 1"] = customers[1], ["known 3"] = customers[3] };
        var now = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.FromHours(1));
        var unchanged = await ListAsync(worksheetId);

        // As the writer does with a refused save: the savepoint undoes whatever the batch ran besides the bump.
        HashSet<int> refusedTouched = [];
        Assert.Equal(0, await InTransactionAsync(sql => SaveOrRollBack(sql, 2)));
        Assert.Equal((3, before), await VersionAsync(worksheetId));
        var afterRefusal = await ListAsync(worksheetId);
        Assert.Equal(unchanged.Entries, afterRefusal.Entries);
        Assert.Equal(unchanged.Drops, afterRefusal.Drops);

        HashSet<int> touched = [];
        Assert.Equal(1, await InTransactionAsync(sql => sql.ReplaceList(worksheetId, 3, team.MeetingId, now, entries, ids, touched)));
        Assert.Equal((4, now), await VersionAsync(worksheetId));
        Assert.Equal([customers[0], customers[1], customers[2]], touched.Order());
        var list = await ListAsync(worksheetId);
        Assert.Equal([(0, customers[1], Zone.Surprises), (1, customers[3], Zone.Recovery)], list.Entries);
        Assert.Empty(list.Drops);
        Assert.Equal([customers[0]], (await ListAsync(otherId)).Entries.Select(e => e.CustomerId));

        // A list emptied: no insert, and the rest as before.
        touched.Clear();
        Assert.Equal(1, await InTransactionAsync(sql => sql.ReplaceList(worksheetId, 4, team.MeetingId, now, [], ids, touched)));
        Assert.Equal([customers[1], customers[3]], touched.Order());
        Assert.Empty((await ListAsync(worksheetId)).Entries);

        int SaveOrRollBack(WorksheetSql sql, int version)
        {
            sql.BeginSave();
            var bumped = sql.ReplaceList(worksheetId, version, team.MeetingId, now, entries, ids, refusedTouched);
            sql.Run(bumped == 0 ? "ROLLBACK TO save; RELEASE save" : "RELEASE save");
            return bumped;
        }
    }

    private Task<(List<(int Position, int CustomerId, Zone Zone)> Entries, List<int> Drops)> ListAsync(int worksheetId) =>
        factory.WithDbAsync(async db =>
        {
            var entries = await db.Entries.Where(e => e.WorksheetId == worksheetId).OrderBy(e => e.Position)
                .Select(e => new { e.Position, e.CustomerId, e.Zone }).ToListAsync();
            var drops = await db.Drops.Where(d => d.WorksheetId == worksheetId).OrderBy(d => d.CustomerId).Select(d => d.CustomerId).ToListAsync();
            return (entries.Select(e => (e.Position, e.CustomerId, e.Zone)).ToList(), drops);
        });

    [Fact]
    public async Task TheFollowUpsBehindFlagIsSetAndClearedOnThatMeetingOnly()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var other = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 24));
        var before = await VersionsAsync(team.MeetingId, other);

        await InTransactionAsync(sql => sql.SetFollowUpsBehind(team.MeetingId, true));
        var behind = await VersionsAsync(team.MeetingId, other);
        Assert.Equal(before[team.MeetingId] with { FollowUpsBehind = true }, behind[team.MeetingId]);
        Assert.Equal(before[other], behind[other]);

        await InTransactionAsync(sql => sql.SetFollowUpsBehind(team.MeetingId, false));
        Assert.Equal(before, await VersionsAsync(team.MeetingId, other));
    }

    private sealed record Versions(int Tally, int Worksheets, bool FollowUpsBehind);

    private Task<Dictionary<int, Versions>> VersionsAsync(params int[] meetingIds) =>
        factory.WithDbAsync(db => db.Meetings
            .Where(m => meetingIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new Versions(m.TallyVersion, m.WorksheetsVersion, m.FollowUpsBehind)));

    private Task<(int Version, DateTimeOffset UpdatedAt)> VersionAsync(int worksheetId) =>
        factory.WithDbAsync(async db =>
        {
            var worksheet = await db.Worksheets.AsNoTracking().SingleAsync(w => w.Id == worksheetId);
            return (worksheet.Version, worksheet.UpdatedAt);
        });

    private static Entry NewEntry(int worksheetId, int position, int customerId) =>
        new() { WorksheetId = worksheetId, Position = position, CustomerId = customerId, CustomerName = $"Customer {customerId}" };

    private Task<int> WorksheetAsync(int meetingId, string repId, int version = 1, DateTimeOffset? updatedAt = null) =>
        factory.WithDbAsync(async db =>
        {
            var worksheet = new Worksheet { MeetingId = meetingId, RepId = repId, Version = version, UpdatedAt = updatedAt ?? DateTimeOffset.UtcNow };
            db.Worksheets.Add(worksheet);
            await db.SaveChangesAsync();
            return worksheet.Id;
        });

    private Task<List<int>> CustomersAsync(int teamId, int count) =>
        factory.WithDbAsync(async db =>
        {
            var customers = Enumerable.Range(0, count)
                .Select(i => new Customer { TeamId = teamId, Name = $"Known {i}", NormalizedName = $"known {i}" })
                .ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            return customers.Select(c => c.Id).ToList();
        });

    private Task<T> InTransactionAsync<T>(Func<WorksheetSql, T> work) =>
        factory.AsTheWriterAsync((db, transaction) =>
        {
            using var sql = new WorksheetSql(db, transaction);
            return work(sql);
        });

    private async Task InTransactionAsync(Action<WorksheetSql> work) => await InTransactionAsync(sql =>
    {
        work(sql);
        return true;
    });
}
