using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Teams;

/// <summary>
/// Issue 23 item 5, outside the meeting: the team's actions page, the owner's home page, and who may tick what. A rep
/// sees every action's text, owner and due date, but a customer only on their own actions.
/// </summary>
public sealed class TeamActionsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private sealed record World(TeamSetup Team, int Meeting, int Harbor, int CallHarbor, int PriceList, int Training, int Earlier);

    /// <summary>
    /// Rep 1 lists Harbor in Recovery; the meeting a week ago agreed "Call Harbor" (rep 1, two days overdue, on Harbor),
    /// "Send the price list" (rep 2) and "Book the training" (the manager), and "Order samples" (rep 1), done since.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var today = SeededActions.Today;
        var meeting = await factory.CreateMeetingAsync(team.TeamId, today.AddDays(-7));
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(meeting, ("Harbor", "Recovery", "Key", "late delivery"));
        var harbor = await factory.CustomerIdAsync(team.TeamId, "harbor");
        var callHarbor = await SeededActions.AddAsync(factory, meeting, "Call Harbor about the delivery delay", team.RepIds[0], today.AddDays(-2), harbor);
        var priceList = await SeededActions.AddAsync(factory, meeting, "Send the price list", team.RepIds[1], today.AddDays(5));
        var training = await SeededActions.AddAsync(factory, meeting, "Book the training", team.ManagerId, today.AddDays(3));
        var earlier = await SeededActions.AddAsync(factory, meeting, "Order samples", team.RepIds[0], today.AddDays(1));
        await PostDoneAsync(factory.CreateClientFor(team.RepIds[0]), team.TeamId, earlier, done: true);
        return new World(team, meeting, harbor, callHarbor, priceList, training, earlier);
    }

    private static string D(DateOnly date, string format) => date.ToString(format, CultureInfo.InvariantCulture);

    private static List<string> Lines(IHtmlDocument page, string list) =>
        [.. page.QuerySelectorAll($"#{list} li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    /// <summary>Ticks (or reopens) an action through its own button on the team's page.</summary>
    private static async Task<HttpResponseMessage> PostDoneAsync(HttpClient client, int teamId, int actionId, bool done, string? returnUrl = null)
    {
        var page = await client.GetDocumentAsync($"/teams/{teamId}/actions");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form.team-action-tick")
            .First(f => f.QuerySelector<IHtmlInputElement>("input[name=actionId]")!.Value == $"{actionId}");
        return await client.SubmitAsync(form, new Dictionary<string, string?> { ["done"] = done ? "true" : "false", ["returnUrl"] = returnUrl });
    }

    /// <summary>Any Done button of the caller's, with another action id in it: what a crafted post would send.</summary>
    private static async Task<HttpResponseMessage> PostCraftedAsync(HttpClient client, int teamId, int actionId)
    {
        var page = await client.GetDocumentAsync($"/teams/{teamId}/actions");
        var form = page.QuerySelector<IHtmlFormElement>("#open-actions form.team-action-tick")!;
        return await client.SubmitAsync(form, new Dictionary<string, string?> { ["actionId"] = $"{actionId}" });
    }

    [Fact]
    public async Task TheTeamPageListsOpenActionsFirstWithOverdueInWordsThenTheDoneOnes()
    {
        var w = await WorldAsync();

        var page = await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync($"/teams/{w.Team.TeamId}/actions");

        var open = Lines(page, "open-actions");
        Assert.Equal(3, open.Count);
        Assert.StartsWith("Call Harbor about the delivery delay Rep 1 · due", open[0], StringComparison.Ordinal);
        Assert.Contains("· overdue", open[0], StringComparison.Ordinal);
        Assert.Contains("Harbor · agreed at December meeting", open[0], StringComparison.Ordinal);
        Assert.StartsWith("Book the training Maria Manager", open[1], StringComparison.Ordinal);
        Assert.StartsWith("Send the price list Rep 2", open[2], StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", open[1] + open[2], StringComparison.Ordinal);
        var done = Assert.Single(Lines(page, "done-actions"));
        Assert.StartsWith($"Order samples Rep 1 · done {D(SeededActions.Today, "d MMM yyyy")}", done, StringComparison.Ordinal);
        // A manager may tick or reopen every one of them.
        Assert.Equal(4, page.QuerySelectorAll("form.team-action-tick").Length);
        var teamPage = await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync($"/teams/{w.Team.TeamId}");
        Assert.Equal($"/teams/{w.Team.TeamId}/actions", teamPage.QuerySelector("#actions-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheOwnerTicksAnActionDoneAndReopensItAndIsSentBackToThePage()
    {
        var w = await WorldAsync();
        var rep = factory.CreateClientFor(w.Team.RepIds[0]);

        using var ticked = await PostDoneAsync(rep, w.Team.TeamId, w.CallHarbor, done: true);
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        Assert.Equal($"/teams/{w.Team.TeamId}/actions", ticked.Headers.Location!.OriginalString);
        Assert.Equal(SeededActions.Today, await SeededActions.DoneOnAsync(factory, w.CallHarbor));
        var page = await rep.GetDocumentAsync($"/teams/{w.Team.TeamId}/actions");
        Assert.Contains("Done: Call Harbor about the delivery delay", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Lines(page, "done-actions"), l => l.StartsWith("Call Harbor", StringComparison.Ordinal));

        // Another site as returnUrl is ignored: back to the team's page.
        using var reopened = await PostDoneAsync(rep, w.Team.TeamId, w.CallHarbor, done: false, returnUrl: "https://evil.example/");
        Assert.Equal($"/teams/{w.Team.TeamId}/actions", reopened.Headers.Location!.OriginalString);
        Assert.Null(await SeededActions.DoneOnAsync(factory, w.CallHarbor));
    }

    [Fact]
    public async Task ARepSeesEveryActionButACustomerOnlyOnTheirOwnAndCannotTickAnotherRepsAction()
    {
        var w = await WorldAsync();
        var rep2 = factory.CreateClientFor(w.Team.RepIds[1]);

        var page = await rep2.GetDocumentAsync($"/teams/{w.Team.TeamId}/actions");
        var open = Lines(page, "open-actions");
        Assert.Equal(3, open.Count);
        Assert.StartsWith("Call Harbor about the delivery delay Rep 1", open[0], StringComparison.Ordinal);
        // The action's own words name Harbor; the customer field (another rep's customer) is not shown.
        Assert.Empty(page.QuerySelectorAll(".action-customer"));
        Assert.Contains("agreed at December meeting", open[0], StringComparison.Ordinal);
        // Rep 2 may tick only their own.
        Assert.Single(page.QuerySelectorAll("#open-actions form.team-action-tick"));

        using var crafted = await PostCraftedAsync(rep2, w.Team.TeamId, w.CallHarbor);
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Null(await SeededActions.DoneOnAsync(factory, w.CallHarbor));

        var own = await factory.CreateClientFor(w.Team.RepIds[0]).GetDocumentAsync($"/teams/{w.Team.TeamId}/actions");
        Assert.Equal("Harbor ·", Assert.Single(own.QuerySelectorAll(".action-customer")).TextContent.Trim());

        var mine = Lines(await rep2.GetDocumentAsync($"/teams/{w.Team.TeamId}/actions?mine=true"), "open-actions");
        Assert.StartsWith("Send the price list", Assert.Single(mine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerPostingAnotherTeamsActionIdToTheirOwnTeamsPageChangesNothing()
    {
        var victim = await WorldAsync();
        var attackers = await factory.CreateTeamAsync(reps: 1, teamName: "Attackers Inc");
        var ownMeeting = await factory.CreateMeetingAsync(attackers.TeamId, SeededActions.Today);
        await SeededActions.AddAsync(factory, ownMeeting, "Our own action", attackers.ManagerId, SeededActions.Today.AddDays(2));
        var attacker = factory.CreateClientFor(attackers.ManagerId);

        using var crafted = await PostCraftedAsync(attacker, attackers.TeamId, victim.PriceList);
        using var foreignPage = await attacker.GetAsync($"/teams/{victim.Team.TeamId}/actions");

        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Null(await SeededActions.DoneOnAsync(factory, victim.PriceList));
        Assert.Equal(HttpStatusCode.NotFound, foreignPage.StatusCode);
    }

    [Fact]
    public async Task TheHomePageListsOnlyMyOwnOpenActionsAndDoneThereReturnsHome()
    {
        var w = await WorldAsync();
        var rep = factory.CreateClientFor(w.Team.RepIds[0]);

        var home = await rep.GetDocumentAsync("/");
        var mine = Lines(home, "my-actions");
        var line = Assert.Single(mine);
        Assert.Equal(
            $"Call Harbor about the delivery delay Sales North · Harbor · due {D(SeededActions.Today.AddDays(-2), "d MMM")} · overdue Done",
            line.Replace(" .", ".", StringComparison.Ordinal));
        Assert.NotNull(home.QuerySelector($"#actions-link-{w.Team.TeamId}"));
        var managerHome = Lines(await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync("/"), "my-actions");
        Assert.StartsWith("Book the training", Assert.Single(managerHome), StringComparison.Ordinal);

        var form = home.QuerySelector<IHtmlFormElement>("#my-actions form")!;
        using var response = await rep.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(SeededActions.Today, await SeededActions.DoneOnAsync(factory, w.CallHarbor));
        var after = await rep.GetDocumentAsync("/");
        Assert.Empty(after.QuerySelectorAll("#my-actions li"));
        Assert.Contains("Done: Call Harbor about the delivery delay", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCustomerHistoryAndTheFollowUpPageShowTheActionsOnTheCustomer()
    {
        var w = await WorldAsync();
        var rep = factory.CreateClientFor(w.Team.RepIds[0]);
        var due = SeededActions.Today.AddDays(-2);

        var history = await rep.GetDocumentAsync($"/teams/{w.Team.TeamId}/customers/{w.Harbor}");
        var row = Assert.Single(history.QuerySelectorAll("#history-table tr.history-action"));
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["December meeting", D(SeededActions.Today.AddDays(-7), "d MMM yyyy"), "Rep 1"], cells.Take(3));
        Assert.Equal($"Action: Call Harbor about the delivery delay: due {D(due, "d MMM yyyy")}, overdue", cells[3]);

        var followUp = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.FollowUps.Where(f => f.CustomerId == w.Harbor).Select(f => f.Id)));
        var page = await rep.GetDocumentAsync($"/followups/{followUp}");
        var item = string.Join(' ', page.QuerySelector("#actions li")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var agreedAt = $"December meeting, {D(SeededActions.Today.AddDays(-7), "d MMM")}";
        Assert.Equal($"{agreedAt}: Call Harbor about the delivery delay · Rep 1 · by {D(due, "d MMM")} · overdue", item);

        // Done, it stays in both, marked so.
        await PostDoneAsync(rep, w.Team.TeamId, w.CallHarbor, done: true);
        var historyAfter = await factory.CreateClientFor(w.Team.ManagerId).GetDocumentAsync($"/teams/{w.Team.TeamId}/customers/{w.Harbor}");
        var rowAfter = historyAfter.QuerySelector("#history-table tr.history-action")!.TextContent.Trim();
        Assert.EndsWith($"done {D(SeededActions.Today, "d MMM yyyy")}", rowAfter, StringComparison.Ordinal);
        var pageAfter = await rep.GetDocumentAsync($"/followups/{followUp}");
        Assert.Contains($"· done {D(SeededActions.Today, "d MMM")}", pageAfter.QuerySelector("#actions li")!.TextContent, StringComparison.Ordinal);
    }
}
