using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Teams;

/// <summary>The prepared SQLite lookup must answer every meeting route exactly as the EF query it stands in for.</summary>
public sealed class SqliteMeetingAccessTests : IDisposable
{
    private readonly ZonePollFactory _factory = ZonePollFactory.OnSqlite();

    public void Dispose() => _factory.Dispose();

    private static ClaimsPrincipal User(string id) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));

    private async Task<MeetingAccessResult?> ThroughEfAsync(int meetingId, string userId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await new TeamAccess(scope.ServiceProvider).ForMeetingAsync(meetingId, User(userId), CancellationToken.None);
    }

    [Fact]
    public async Task TheAppUsesThePreparedLookupOnASqliteFile()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var prepared = _factory.Services.GetRequiredService<SqliteMeetingAccess>();

        await using var scope = _factory.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<TeamAccess>();
        var found = await access.ForMeetingAsync(team.MeetingId, User(team.ManagerId), CancellationToken.None);

        Assert.Equal(prepared.Find(team.MeetingId, team.ManagerId), found);
        Assert.Equal(TeamRole.Manager, found?.Role);
    }

    [Fact]
    public async Task EveryRoleStatusAndStrangerGetsWhatTheEfQueryGives()
    {
        var team = await _factory.CreateTeamAsync(reps: 1, status: MeetingStatus.Draft, teamName: "Süd & Co");
        var locked = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 1, 31), "Année \"close\"", MeetingStatus.Locked);
        var open = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 24));
        var stranger = await _factory.CreateUserAsync("Stranger");
        var elsewhere = await _factory.CreateTeamAsync(reps: 0, teamName: "Other team");
        var prepared = _factory.Services.GetRequiredService<SqliteMeetingAccess>();

        var meetings = new[] { team.MeetingId, locked, open, elsewhere.MeetingId, 999_999 };
        var users = new[] { team.ManagerId, team.RepIds[0], stranger, elsewhere.ManagerId, "" };

        // Who gets in where, by role: a row per meeting, a column per user (manager, rep, stranger, the other team's
        // manager, nobody). Both lookups agreeing is not enough on its own: a mistake the two share agrees with itself.
        var roles = meetings.Select(m => string.Join(" ", users.Select(u => prepared.Find(m, u)?.Role.ToString() ?? "-")));
        Assert.Equal(
        [
            "Manager Rep - - -",
            "Manager Rep - - -",
            "Manager Rep - - -",
            "- - - Manager -",
            "- - - - -",
        ], roles);
        foreach (var meetingId in meetings)
        {
            foreach (var userId in users)
            {
                Assert.Equal(await ThroughEfAsync(meetingId, userId), prepared.Find(meetingId, userId));
            }
        }

        var rep = prepared.Find(locked, team.RepIds[0]);
        Assert.Equal(
            new MeetingAccessResult(locked, "Année \"close\"", new DateOnly(2027, 1, 31), MeetingStatus.Locked, team.TeamId, "Süd & Co", TeamRole.Rep), rep);
        Assert.Null(prepared.Find(team.MeetingId, stranger));
        Assert.Null(prepared.Find(elsewhere.MeetingId, team.ManagerId));
    }

    [Fact]
    public async Task ALookupAfterACommitSeesItsVersionAndRole()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var prepared = _factory.Services.GetRequiredService<SqliteMeetingAccess>();
        var before = prepared.Find(team.MeetingId, team.RepIds[0]);

        await _factory.TalliesChangedAsync(team.TeamId);
        await _factory.WithDbAsync(db => db.TeamMembers
            .Where(m => m.TeamId == team.TeamId && m.UserId == team.RepIds[0])
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Manager)));

        var after = prepared.Find(team.MeetingId, team.RepIds[0]);
        Assert.Equal(TeamRole.Rep, before?.Role);
        Assert.Equal(before!.TallyVersion + 1, after?.TallyVersion);
        Assert.Equal(TeamRole.Manager, after?.Role);
        Assert.Equal(await ThroughEfAsync(team.MeetingId, team.RepIds[0]), after);

        await _factory.WithDbAsync(db => db.TeamMembers.Where(m => m.TeamId == team.TeamId && m.UserId == team.RepIds[0]).ExecuteDeleteAsync());
        Assert.Null(prepared.Find(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task LookupsFromManyThreadsAtOnceEachGetTheirOwnAnswer()
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        var prepared = _factory.Services.GetRequiredService<SqliteMeetingAccess>();
        var callers = new[] { team.ManagerId }.Concat(team.RepIds).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var userId = callers[i % callers.Length];
            return (userId, prepared.Find(team.MeetingId, userId)?.Role);
        })));

        Assert.All(answers, a => Assert.Equal(a.userId == team.ManagerId ? TeamRole.Manager : TeamRole.Rep, a.Role));
    }
}
