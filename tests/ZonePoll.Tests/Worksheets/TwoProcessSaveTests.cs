using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

/// <summary>
/// Two app hosts, each with its own worksheet writer, on one PostgreSQL database: what two instances behind a load
/// balancer do. Nothing may rely on being the only writer.
/// </summary>
public sealed class TwoProcessSaveTests : IAsyncLifetime
{
    private readonly string _folder = ZonePollFactory.NewFolder();
    private ZonePollFactory _first = null!;
    private ZonePollFactory _second = null!;

    public Task InitializeAsync()
    {
        _first = ZonePollFactory.OverFolder(_folder, keepFiles: true, DatabaseProvider.PostgreSQL);
        // The first host migrates the database before the second starts, as instances taking turns would.
        _ = _first.Services;
        _second = ZonePollFactory.OverFolder(_folder, keepFiles: false, DatabaseProvider.PostgreSQL);
        _ = _second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static CleanEntry Entry(int position, string name, Zone zone) =>
        new(position, name, Customer.Normalize(name), zone, AccountType.Standard, null);

    private static async Task<SaveResult> SaveAsync(ZonePollFactory host, TeamSetup team, string repId, params CleanEntry[] entries)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorksheetSaver>()
            .SaveAsync(team.MeetingId, team.TeamId, new DateOnly(2026, 11, 26), repId, 0, entries, [], CancellationToken.None);
    }

    [NeedsServicesFact(TestServices.PostgreSQL)]
    public async Task SavesThroughTwoHostsAtOnceAllLandOnceEachAndTheLoserOfEachRaceIsToldItChangedElsewhere()
    {
        var team = await _first.CreateTeamAsync(reps: 16);

        // Every rep saves from two tabs at once, one on each host, both against the empty worksheet (version 0),
        // each list naming the same big account, new to the team, and a customer in Recovery.
        var saves = team.RepIds.SelectMany((rep, i) => new[]
        {
            SaveAsync(_first, team, rep, Entry(0, "Shared Account", Zone.Expectations), Entry(1, $"Rep {i} from host one", Zone.Recovery)),
            SaveAsync(_second, team, rep, Entry(0, "Shared Account", Zone.Surprises), Entry(1, $"Rep {i} from host two", Zone.Recovery)),
        });
        var results = await Task.WhenAll(saves);

        Assert.Equal(16, results.Count(r => r == new SaveResult(SaveOutcome.Saved, 1)));
        Assert.Equal(16, results.Count(r => r == new SaveResult(SaveOutcome.ChangedElsewhere, 1)));
        var (worksheets, entries, shared, followUps) = await _second.WithDbAsync(async db => (
            await db.Worksheets.Where(w => w.MeetingId == team.MeetingId).Select(w => new { w.RepId, w.Version }).ToListAsync(),
            await db.Entries
                .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == team.MeetingId))
                .Select(e => e.CustomerName)
                .ToListAsync(),
            await db.Customers.CountAsync(c => c.TeamId == team.TeamId && c.NormalizedName == "shared account"),
            await db.FollowUps.Where(f => f.TeamId == team.TeamId && f.ClosedAt == null).Select(f => f.Customer!.Name).ToListAsync()));
        Assert.Equal(team.RepIds.Order(), worksheets.Select(w => w.RepId).Order());
        Assert.All(worksheets, w => Assert.Equal(1, w.Version));
        Assert.Equal(32, entries.Count);
        Assert.Equal(1, shared);
        // Exactly the winners' Recovery customers have a follow-up: none for the losers' lists, none twice.
        Assert.Equal(entries.Where(n => n.StartsWith("Rep ", StringComparison.Ordinal)).Order(), followUps.Order());
    }
}
