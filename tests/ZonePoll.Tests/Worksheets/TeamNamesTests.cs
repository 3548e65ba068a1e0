using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

/// <summary>
/// The team's names kept for "Did you mean" follow the database, whoever changed it (another instance, a deleted
/// meeting), on whichever database the run uses: what was added since is read on its own, and a deletion, even one
/// hidden by an addition that leaves the count as it was, rereads the whole list.
/// </summary>
public class TeamNamesTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private readonly TeamNames _names = new(new MemoryCache(new MemoryCacheOptions()));

    [Fact]
    public async Task AddedNamesJoinTheKeptListWithoutRereadingTheOthers()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await AddAsync(team.TeamId, "Contoso Ltd", "Fabrikam");
        var first = await ReadAsync(team.TeamId);

        await AddAsync(team.TeamId, "Northwind");
        var second = await ReadAsync(team.TeamId);

        Assert.Equal(["Contoso Ltd", "Fabrikam"], NamesOf(first));
        Assert.Equal(["Contoso Ltd", "Fabrikam", "Northwind"], NamesOf(second));
        // The same candidates, shapes and all: only the new name was read.
        Assert.Same(Candidate(first, "Contoso Ltd"), Candidate(second, "Contoso Ltd"));
        Assert.Same(Candidate(first, "Fabrikam"), Candidate(second, "Fabrikam"));
        Assert.Same(second, await ReadAsync(team.TeamId));
    }

    [Fact]
    public async Task ADeletedNameLeavesTheKeptListEvenWhenAnAdditionKeepsTheCount()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await AddAsync(team.TeamId, "Contoso Ltd", "Fabrikam", "Northwind");
        Assert.Equal(3, (await ReadAsync(team.TeamId)).Count);

        await DeleteAsync(team.TeamId, "fabrikam");
        Assert.Equal(["Contoso Ltd", "Northwind"], NamesOf(await ReadAsync(team.TeamId)));

        // One out, one in: the count is as it was, the highest id is not.
        await DeleteAsync(team.TeamId, "northwind");
        await AddAsync(team.TeamId, "Tailspin Toys");
        Assert.Equal(["Contoso Ltd", "Tailspin Toys"], NamesOf(await ReadAsync(team.TeamId)));

        await DeleteAsync(team.TeamId, "contoso ltd");
        await DeleteAsync(team.TeamId, "tailspin toys");
        Assert.Empty(NamesOf(await ReadAsync(team.TeamId)));
    }

    [Fact]
    public async Task AnotherTeamsNamesNeverJoinTheList()
    {
        var ours = await factory.CreateTeamAsync(reps: 1);
        var theirs = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        await AddAsync(ours.TeamId, "Contoso Ltd");
        await AddAsync(theirs.TeamId, "Contoso Limited", "Fabrikam");
        Assert.Equal(["Contoso Ltd"], NamesOf(await ReadAsync(ours.TeamId)));

        // Their later names are above our highest id: still not ours.
        await AddAsync(theirs.TeamId, "Northwind");
        await AddAsync(ours.TeamId, "Tailspin Toys");
        Assert.Equal(["Contoso Ltd", "Tailspin Toys"], NamesOf(await ReadAsync(ours.TeamId)));
        Assert.Equal(["Contoso Limited", "Fabrikam", "Northwind"], NamesOf(await ReadAsync(theirs.TeamId)));
    }

    [Fact]
    public async Task TheKeptListSuggestsAsTheNamesThemselvesDo()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await AddAsync(team.TeamId, "Contoso Ltd", "Store 12", "Fabrikam");
        var kept = await ReadAsync(team.TeamId);
        string[] typed = ["contoso limited", "store 13", "fabrikan"];

        var fromKept = NameMatch.Suggest(typed, kept);

        Assert.Equal(typed.Select(t => NameMatchTests.ByScan(t, kept.All)), fromKept);
        Assert.Equal(["Contoso Ltd", null, "Fabrikam"], fromKept.Select(k => k?.Name));
    }

    [Fact]
    public async Task AfterTheNewestNameIsDeletedTheListReadAgainIsKept()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await AddAsync(team.TeamId, "Contoso Ltd", "Fabrikam");
        await ReadAsync(team.TeamId);

        // The highest id goes: the whole list is read again, and kept, though its highest id is lower than before.
        await DeleteAsync(team.TeamId, "fabrikam");
        var reread = await ReadAsync(team.TeamId);

        Assert.Equal(["Contoso Ltd"], NamesOf(reread));
        Assert.Same(reread, await ReadAsync(team.TeamId));
    }

    private static string[] NamesOf(NameIndex index) => [.. index.All.Select(c => c.Name.Name).Order(StringComparer.Ordinal)];

    private static NameMatch.Candidate Candidate(NameIndex index, string name) => index.All.Single(c => c.Name.Name == name);

    private Task<NameIndex> ReadAsync(int teamId) =>
        factory.WithDbAsync(db => _names.ReadAsync(db, teamId, CancellationToken.None));

    private Task<int> AddAsync(int teamId, params string[] names) =>
        factory.WithDbAsync(async db =>
        {
            // One at a time, so ids follow the order given.
            foreach (var name in names)
            {
                db.Customers.Add(new Customer { TeamId = teamId, Name = name, NormalizedName = Customer.Normalize(name) });
                await db.SaveChangesAsync();
            }

            return 0;
        });

    private Task<int> DeleteAsync(int teamId, string normalizedName) =>
        factory.WithDbAsync(db => db.Customers.Where(c => c.TeamId == teamId && c.NormalizedName == normalizedName).ExecuteDeleteAsync());
}
