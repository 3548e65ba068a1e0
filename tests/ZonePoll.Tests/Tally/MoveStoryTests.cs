using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Tally;

/// <summary>The customers and reps behind "Since last time": who moved which way, and who was lost and why.</summary>
public class MoveStoryTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<(JsonElement Tally, string Json)> GetTallyAsync(HttpClient client, int meetingId)
    {
        var json = await client.GetStringAsync($"/meetings/{meetingId}/tally.json");
        return (JsonDocument.Parse(json).RootElement, json);
    }

    private static (string Customer, string Was, string Now, bool Team, string Reps) Row(JsonElement move) =>
        (move.GetProperty("customer").GetString()!,
            move.GetProperty("was").GetString()!,
            move.GetProperty("now").GetString()!,
            move.GetProperty("team").GetBoolean(),
            string.Join(", ", move.GetProperty("reps").EnumerateArray().Select(r => r.GetString())));

    /// <summary>
    /// Rep 1 moves Harbor from Recovery to Surprises while Rep 2 lists it in Expectations: the team counts it Recovery to
    /// Expectations, and Rep 1's own move is still named. Rep 2 moves Beta up; Rep 1 loses Acme to a competitor.
    /// </summary>
    private async Task<(TeamSetup Team, int December)> TwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var (rep1, rep2) = (factory.CreateClientFor(team.RepIds[0]), factory.CreateClientFor(team.RepIds[1]));
        await rep1.SaveWorksheetAsync(
            team.MeetingId, ("Harbor Foods", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        await rep2.SaveWorksheetAsync(team.MeetingId, ("Beta", "Expectations", "Standard", null), ("Gamma", "Surprises", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.TeamId == team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep1.SaveCarriedForwardAsync(december, droppedRow: 1, acme, "LostToCompetitor", new Dictionary<string, string?>
        {
            ["Rows[0].Zone"] = "Surprises",
        });
        await rep2.SaveWorksheetAsync(december,
            ("Beta", "Surprises", "Standard", null), ("Gamma", "Recovery", "Standard", null), ("Harbor Foods", "Expectations", "Key", null));
        return (team, december);
    }

    [Fact]
    public async Task TheManagerGetsEveryMoveByCustomerAndRepAndARepsOwnJumpToSurprisesIsNamedThoughTheTeamCountsItLower()
    {
        var (team, december) = await TwoMeetingsAsync();

        var (tally, _) = await GetTallyAsync(factory.CreateClientFor(team.ManagerId), december);

        var movement = tally.GetProperty("movement");
        // The team count: Harbor is in Expectations now (Rep 2's zone, the lower), so the matrix has no Recovery to Surprises.
        Assert.Equal(0, movement.GetProperty("recoveryToSurprises").GetInt32());
        var story = movement.GetProperty("story");
        Assert.Equal(
            [
                ("Harbor Foods", "Recovery", "Surprises", false, "Rep 1"),
                ("Harbor Foods", "Recovery", "Expectations", true, ""),
                ("Beta", "Expectations", "Surprises", true, "Rep 2"),
                ("Gamma", "Surprises", "Recovery", true, "Rep 2"),
            ],
            story.GetProperty("moves").EnumerateArray().Select(Row));
        Assert.Equal(
            (1, 1, 1, 1),
            (story.GetProperty("straightToSurprises").GetInt32(),
                story.GetProperty("recoveryToExpectations").GetInt32(),
                story.GetProperty("expectationsToSurprises").GetInt32(),
                story.GetProperty("down").GetInt32()));
        var lost = Assert.Single(tally.GetProperty("churn").GetProperty("customers").EnumerateArray());
        Assert.Equal(
            ("Acme", "Rep 1", "Lost to a competitor"),
            (lost.GetProperty("customer").GetString(), lost.GetProperty("rep").GetString(), lost.GetProperty("reasonLabel").GetString()));
    }

    [Fact]
    public async Task ARepGetsTheStorysCountsButNoCustomerOrRepNamesWhetherOrNotNamesAreShown()
    {
        var (team, december) = await TwoMeetingsAsync();

        foreach (var show in new[] { false, true })
        {
            await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == december).ExecuteUpdateAsync(s => s.SetProperty(m => m.ShowCustomerNames, show)));
            await factory.TalliesChangedAsync(team.TeamId);
            var (forRep, json) = await GetTallyAsync(factory.CreateClientFor(team.RepIds[1]), december);

            var story = forRep.GetProperty("movement").GetProperty("story");
            Assert.Equal(1, story.GetProperty("straightToSurprises").GetInt32());
            Assert.Equal(0, story.GetProperty("moves").GetArrayLength());
            Assert.DoesNotContain("Harbor", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Rep 1", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Acme", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheFirstMeetingHasNoStory()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Harbor Foods", "Recovery", "Key", null));

        var (tally, _) = await GetTallyAsync(factory.CreateClientFor(team.ManagerId), team.MeetingId);

        Assert.Equal(JsonValueKind.Null, tally.GetProperty("movement").ValueKind);
    }
}
