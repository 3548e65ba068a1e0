using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Tests.Pages.Teams;

namespace ZonePoll.Tests.Meetings;

/// <summary>
/// An action ties its words to a customer. A rep sees the customer of their own actions only (TeamActionsTests), so the
/// pages that list the actions on one customer, its history and its follow-up, show a rep only the actions they own.
/// </summary>
public sealed class ActionLeakTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private const string Almas = "Alma asks Harbor about the renewal";
    private const string Veras = "Vera takes Harbor the new schedule";

    private sealed record World(TeamSetup Team, int Harbor, int FollowUp);

    /// <summary>Both reps list Harbor; Vera (rep 2) placed it in Recovery first, so its follow-up is hers.</summary>
    private async Task<World> WorldAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var today = SeededActions.Today;
        var meeting = await factory.CreateMeetingAsync(team.TeamId, today.AddDays(-7));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(meeting, ("Harbor", "Recovery", "Key", "late delivery"));
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(meeting, ("Harbor", "Expectations", "Key", null));
        var harbor = await factory.CustomerIdAsync(team.TeamId, "harbor");
        await SeededActions.AddAsync(factory, meeting, Almas, team.RepIds[0], today.AddDays(3), harbor);
        await SeededActions.AddAsync(factory, meeting, Veras, team.RepIds[1], today.AddDays(4), harbor);
        var followUp = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.CustomerId == harbor).Select(f => new { f.Id, f.OwnerId }).SingleAsync());
        Assert.Equal(team.RepIds[1], followUp.OwnerId);
        return new World(team, harbor, followUp.Id);
    }

    [Fact]
    public async Task ARepSeesOnlyTheirOwnActionsInASharedCustomersHistoryAndAManagerSeesEveryRepsActions()
    {
        var w = await WorldAsync();
        var url = $"/teams/{w.Team.TeamId}/customers/{w.Harbor.ToString(CultureInfo.InvariantCulture)}";

        var veras = (await factory.CreateClientFor(w.Team.RepIds[1]).GetDocumentAsync(url)).QuerySelector("#history-table")!.TextContent;
        var almas = (await factory.CreateClientFor(w.Team.RepIds[0]).GetDocumentAsync(url)).QuerySelector("#history-table")!.TextContent;
        var managers = (await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync(url)).QuerySelector("#history-table")!.TextContent;

        Assert.Contains(Veras, veras, StringComparison.Ordinal);
        Assert.DoesNotContain(Almas, veras, StringComparison.Ordinal);
        Assert.Contains(Almas, almas, StringComparison.Ordinal);
        Assert.DoesNotContain(Veras, almas, StringComparison.Ordinal);
        Assert.Contains(Almas, managers, StringComparison.Ordinal);
        Assert.Contains(Veras, managers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFollowUpsOwnerSeesOnlyTheirOwnActionsOnTheCustomerAndAManagerSeesEveryRepsActions()
    {
        var w = await WorldAsync();
        var url = $"/followups/{w.FollowUp.ToString(CultureInfo.InvariantCulture)}";

        var veras = (await factory.CreateClientFor(w.Team.RepIds[1]).GetDocumentAsync(url)).QuerySelector("#actions")!.TextContent;
        var managers = (await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync(url)).QuerySelector("#actions")!.TextContent;

        Assert.Contains(Veras, veras, StringComparison.Ordinal);
        Assert.DoesNotContain(Almas, veras, StringComparison.Ordinal);
        Assert.Contains(Almas, managers, StringComparison.Ordinal);
        Assert.Contains(Veras, managers, StringComparison.Ordinal);
    }
}
