using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.FollowUps;

public class FollowUpPageTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private Task<List<FollowUp>> FollowUpsAsync(int teamId) =>
        factory.WithDbAsync(db => db.FollowUps.AsNoTracking().Where(f => f.TeamId == teamId).OrderBy(f => f.Id).ToListAsync());

    /// <summary>A team whose first rep has Acme in Recovery and Beta in Expectations at the November meeting.</summary>
    private async Task<(TeamSetup Team, HttpClient Rep, int FollowUpId)> TeamWithAFollowUpAsync(int reps = 2)
    {
        var team = await factory.CreateTeamAsync(reps);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Expectations", "Standard", null));
        return (team, rep, Assert.Single(await FollowUpsAsync(team.TeamId)).Id);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int id, Dictionary<string, string?> values, IHtmlDocument? page = null)
    {
        page ??= await client.GetDocumentAsync($"/followups/{id}");
        return await client.SubmitAsync(page.Form("#followup-form"), values);
    }

    [Fact]
    public async Task ACustomerPlacedInRecoveryByTwoRepsGetsOneFollowUpOwnedByTheFirstAndDueThreeWorkingDaysLater()
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("ACME ", "Recovery", "Key", null));

        var followUp = Assert.Single(await FollowUpsAsync(team.TeamId));
        Assert.Equal((team.RepIds[0], FollowUpCause.Recovery), (followUp.OwnerId, followUp.Cause));
        // The meeting is on a Thursday: Friday, Monday, Tuesday.
        Assert.Equal(new DateOnly(2026, 12, 1), followUp.DueOn);
        var home = await rep.GetDocumentAsync("/");
        var link = Assert.Single(home.QuerySelectorAll("#my-followups a"));
        Assert.Equal(($"/followups/{id}", "Acme"), (link.GetAttribute("href"), link.TextContent));
        Assert.Null((await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync("/")).QuerySelector("#my-followups"));
    }

    [Fact]
    public async Task APinchedCustomerGetsAFollowUpAndACorrectionAtTheSameMeetingRemovesIt()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        using (var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Gamma",
            ["Rows[0].Zone"] = "Expectations",
            ["Rows[0].Pinch"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(FollowUpCause.Pinch, Assert.Single(await FollowUpsAsync(team.TeamId)).Cause);

        await rep.SaveWorksheetAsync(team.MeetingId, ("Gamma", "Expectations", "Standard", null));
        Assert.Empty(await FollowUpsAsync(team.TeamId));
    }

    [Fact]
    public async Task PlacingTheCustomerInExpectationsAtTheNextMeetingClosesTheFollowUpAsLeftRecovery()
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var page = await rep.GetDocumentAsync($"/meetings/{december}/worksheet");
        using (var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Zone"] = "Expectations" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var followUp = Assert.Single(await FollowUpsAsync(team.TeamId));
        Assert.Equal((FollowUpClosure.LeftRecovery, december), (followUp.Closure, followUp.ClosedMeetingId));
        var shown = await rep.GetDocumentAsync($"/followups/{id}");
        Assert.Contains("left Recovery", shown.QuerySelector("#status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Closed: left Recovery", shown.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
        Assert.True(shown.QuerySelector<IHtmlFieldSetElement>("#followup-form fieldset")!.IsDisabled);
    }

    [Fact]
    public async Task ACustomerDroppedAsLostClosesTheirFollowUpWithThatReason()
    {
        var (team, rep, _) = await TeamWithAFollowUpAsync();
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, Customer.Normalize("Acme"));

        await rep.SaveCarriedForwardAsync(december, droppedRow: 0, acme, nameof(DropReason.LostToCompetitor));

        var followUp = Assert.Single(await FollowUpsAsync(team.TeamId));
        Assert.Equal((FollowUpClosure.Dropped, DropReason.LostToCompetitor), (followUp.Closure, followUp.DropReason));
    }

    [Fact]
    public async Task TheOwnerTicksClarifyWithANoteAndTheClockAndHistoryShowIt()
    {
        var (_, rep, id) = await TeamWithAFollowUpAsync();

        using var response = await PostAsync(rep, id, new()
        {
            ["Steps[0].Done"] = "true",
            ["Steps[0].On"] = "2026-11-27",
            ["Steps[0].Note"] = "<b>Late</b> because of the depot move",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await rep.GetDocumentAsync($"/followups/{id}");
        Assert.True(page.QuerySelector<IHtmlInputElement>("#step-Clarify-done")!.IsChecked);
        Assert.Equal("after 1 working day", page.QuerySelector("#first-response")!.TextContent);
        var history = page.QuerySelector("#history")!.TextContent;
        Assert.Contains("Rep 1", history, StringComparison.Ordinal);
        Assert.Contains("Clarify: done 27 Nov 2026.", history, StringComparison.Ordinal);
        // Shown as text, never as markup.
        Assert.Contains("<b>Late</b>", history, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#history b"));
    }

    [Fact]
    public async Task TickingFollowUpClosesIt()
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();

        using var response = await PostAsync(rep, id, new() { ["Steps[2].Done"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FollowUpClosure.FollowedUp, Assert.Single(await FollowUpsAsync(team.TeamId)).Closure);
        Assert.Null((await rep.GetDocumentAsync("/")).QuerySelector("#my-followups"));
    }

    [Fact]
    public async Task OnlyTheOwnerAndTheTeamsManagersFindAFollowUp()
    {
        var (team, _, id) = await TeamWithAFollowUpAsync();
        var otherRep = factory.CreateClientFor(team.RepIds[1]);
        var outsider = factory.CreateClientFor(await factory.CreateUserAsync("Outsider"));

        await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/followups/{id}");
        await otherRep.GetDocumentAsync($"/followups/{id}", HttpStatusCode.NotFound);
        await outsider.GetDocumentAsync($"/followups/{id}", HttpStatusCode.NotFound);
        await outsider.GetDocumentAsync("/followups/999999999", HttpStatusCode.NotFound);

        // A crafted post without the page: refused before the antiforgery check can tell anything.
        using var content = new FormUrlEncodedContent([new("Steps[0].Done", "true")]);
        using var posted = await otherRep.PostAsync($"/followups/{id}", content);
        Assert.True(posted.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, posted.StatusCode.ToString());
        Assert.Null(Assert.Single(await FollowUpsAsync(team.TeamId)).ClarifiedOn);
    }

    [Fact]
    public async Task ARepCannotReassignButAManagerCanAndTheNewOwnerTakesOver()
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();

        using (var refused = await PostAsync(rep, id, new() { ["OwnerId"] = team.RepIds[1] }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var manager = factory.CreateClientFor(team.ManagerId);
        using (var handed = await PostAsync(manager, id, new() { ["OwnerId"] = team.RepIds[1] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        }

        await rep.GetDocumentAsync($"/followups/{id}", HttpStatusCode.NotFound);
        var page = await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync($"/followups/{id}");
        Assert.Contains("Handed to Rep 2", page.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);

        using var stranger = await PostAsync(manager, id, new() { ["OwnerId"] = "not-a-member" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);
    }

    [Fact]
    public async Task ARepSignedInWithTheirCookieWhoPostsANewOwnerIsRefused403AndStaysSignedIn()
    {
        var (team, _, id) = await TeamWithAFollowUpAsync();
        var email = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == team.RepIds[0]).Select(u => u.Email!).SingleAsync());
        var rep = factory.CreateAnonymousClient();
        var login = await rep.GetDocumentAsync("/Identity/Account/Login");
        using (var signIn = await rep.SubmitAsync(login.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "correct horse battery",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var refused = await PostAsync(rep, id, new() { ["OwnerId"] = team.RepIds[1] });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(team.RepIds[0], Assert.Single(await FollowUpsAsync(team.TeamId)).OwnerId);
        await rep.GetDocumentAsync($"/followups/{id}");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task ADamagedVersionIsRefusedAsADamagedFormWithTheInputKeptNotAsAnEditElsewhere(string version)
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();
        var before = Assert.Single(await FollowUpsAsync(team.TeamId)).Version;

        using var response = await PostAsync(rep, id, new() { ["Steps[0].Note"] = "kept note", ["Version"] = version });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("arrived damaged", page.QuerySelector(".validation-summary-errors, [data-valmsg-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("kept note", page.QuerySelector<IHtmlTextAreaElement>("#step-Clarify-note")!.Value);
        Assert.Equal(before, Assert.Single(await FollowUpsAsync(team.TeamId)).Version);

        using var again = await rep.SubmitAsync(page.Form("#followup-form"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("kept note", Assert.Single(await FollowUpsAsync(team.TeamId)).ClarifyNote);
    }

    [Theory]
    [InlineData("DueOn", "2026-11-20", "before the meeting")]
    [InlineData("DueOn", "2099-01-01", "within a year")]
    [InlineData("DueOn", "next week", "Give a due date")]
    [InlineData("Steps[1].On", "2026-11-20", "before the customer was placed")]
    [InlineData("Steps[1].On", "2099-01-01", "in the future")]
    [InlineData("Steps[1].Note", "bell\u0007", "control character")]
    [InlineData("Steps[1].Done", "maybe", "Tick or clear")]
    public async Task BadInputIsRefusedBesideItsFieldWithEverythingTypedKept(string field, string value, string message)
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();
        var values = new Dictionary<string, string?> { ["Steps[0].Note"] = "kept note", ["Steps[1].Done"] = "true", [field] = value };

        using var response = await PostAsync(rep, id, values);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("kept note", page.QuerySelector<IHtmlTextAreaElement>("#step-Clarify-note")!.Value);
        Assert.Equal(1, Assert.Single(await FollowUpsAsync(team.TeamId)).Version);
    }

    [Fact]
    public async Task ANoteOverFiveHundredCharactersIsRefused()
    {
        var (_, rep, id) = await TeamWithAFollowUpAsync();

        using var response = await PostAsync(rep, id, new() { ["Steps[0].Note"] = new string('x', 501) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(new string('x', 501), (await HtmlForms.ParseAsync(response)).QuerySelector<IHtmlTextAreaElement>("#step-Clarify-note")!.Value);
    }

    [Fact]
    public async Task TwoPeopleTickingAtOnceLoseNothingTheSecondIsToldItChangedElsewhere()
    {
        var (team, rep, id) = await TeamWithAFollowUpAsync();
        var manager = factory.CreateClientFor(team.ManagerId);
        var repPage = await rep.GetDocumentAsync($"/followups/{id}");
        var managerPage = await manager.GetDocumentAsync($"/followups/{id}");

        using (var first = await PostAsync(manager, id, new() { ["Steps[0].Done"] = "true", ["Steps[0].Note"] = "manager called" }, managerPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await PostAsync(rep, id, new() { ["Steps[1].Done"] = "true", ["Steps[1].Note"] = "refund sent" }, repPage);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var shown = await HtmlForms.ParseAsync(second);
        Assert.Contains("changed elsewhere", shown.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("refund sent", shown.QuerySelector<IHtmlTextAreaElement>("#step-Fix-note")!.Value);
        Assert.Contains("manager called", shown.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("manager called", Assert.Single(await FollowUpsAsync(team.TeamId)).ClarifyNote);

        using var again = await rep.SubmitAsync(shown.Form("#followup-form"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var saved = Assert.Single(await FollowUpsAsync(team.TeamId));
        Assert.Equal("refund sent", saved.FixNote);
    }

    [Fact]
    public async Task ACustomerBackInRecoveryAfterABreakGetsANewFollowUpWhoseClockStartsAgain()
    {
        var (team, rep, first) = await TeamWithAFollowUpAsync();
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await rep.SaveWorksheetAsync(december, ("Acme", "Expectations", "Key", null), ("Beta", "Expectations", "Standard", null));
        var january = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 1, 21), "January meeting");

        await rep.SaveWorksheetAsync(january, ("Acme", "Recovery", "Key", "Again"), ("Beta", "Expectations", "Standard", null));

        var followUps = await FollowUpsAsync(team.TeamId);
        Assert.Equal(2, followUps.Count);
        Assert.Equal((first, FollowUpClosure.LeftRecovery), (followUps[0].Id, followUps[0].Closure));
        Assert.Equal((january, (FollowUpClosure?)null), (followUps[1].OpenedMeetingId, followUps[1].Closure));
        Assert.True(followUps[1].OpenedOn > followUps[0].OpenedOn);
    }
}
