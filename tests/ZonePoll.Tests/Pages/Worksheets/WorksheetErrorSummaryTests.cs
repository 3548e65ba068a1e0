using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Pages.Worksheets;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

/// <summary>The error summary at the top of a refused worksheet: one link per problem, to the field it is about.</summary>
public class WorksheetErrorSummaryTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    private static (string? Href, string Text)[] Problems(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#error-summary li").Select(li => (li.QuerySelector("a")?.GetAttribute("href"), li.TextContent.Trim()))];

    [Fact]
    public async Task EachRowProblemIsOneLinkToItsFieldInTheOrderOfThePageAndEverythingTypedIsKept()
    {
        var team = await factory.CreateTeamAsync();
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync(Url(team.MeetingId));
        var longNote = new string('n', Entry.NoteMaxLength + 1);

        using var response = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Acme",
            ["Rows[0].Zone"] = "Surprises",
            ["Rows[2].Name"] = "Beta Ltd",
            ["Rows[4].Name"] = "Gamma",
            ["Rows[4].Zone"] = "Recovery",
            ["Rows[4].AccountType"] = "Platinum",
            ["Rows[5].Note"] = "call back on Tuesday",
            ["Rows[7].Name"] = "Delta",
            ["Rows[7].Zone"] = "Expectations",
            ["Rows[7].Pinch"] = "maybe",
            ["Rows[8].Name"] = "Epsilon",
            ["Rows[8].Zone"] = "Recovery",
            ["Rows[8].Note"] = longNote,
            ["Rows[9].Name"] = "Zeta",
            ["Rows[9].AccountType"] = "Gold",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var summary = shown.QuerySelector("#error-summary")!;
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("There is a problem", summary.QuerySelector("h2")!.TextContent);
        Assert.Contains(
            "Nothing was saved yet: check row 3, 5, 6, 8, 9, 10 below. Everything you typed is still here.", summary.TextContent, StringComparison.Ordinal);

        var problems = Problems(shown);
        Assert.Equal(
            ["#row-2-zone-Recovery", "#row-4-type", "#row-5-name", "#row-7-pinch", "#row-8-note", "#row-9-zone-Recovery", "#row-9-type"],
            problems.Select(p => p.Href));
        Assert.Equal("Row 3: Choose a zone for Beta Ltd.", problems[0].Text);
        Assert.All(problems, p => Assert.StartsWith("Row ", p.Text, StringComparison.Ordinal));
        // Every link lands on a field of the page, and the field says the same beside it.
        Assert.All(problems, p => Assert.NotNull(shown.GetElementById(p.Href![1..])));
        Assert.Contains("Choose a zone for Beta Ltd.", shown.QuerySelector("#row-2 .field-validation-error")!.TextContent, StringComparison.Ordinal);

        Assert.Equal("Beta Ltd", shown.QuerySelector<IHtmlInputElement>("#row-2-name")!.Value);
        Assert.Equal("call back on Tuesday", shown.QuerySelector<IHtmlTextAreaElement>("#row-5-note")!.Value);
        Assert.True(shown.QuerySelector<IHtmlInputElement>("#row-0-zone-Surprises")!.IsChecked);
        Assert.Equal(longNote, shown.QuerySelector<IHtmlTextAreaElement>("#row-8-note")!.Value);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Worksheets.CountAsync(w => w.MeetingId == team.MeetingId)));
    }

    [Fact]
    public async Task ACustomerGoneWithoutAReasonLinksToItsReasonChoice()
    {
        var team = await factory.CreateTeamAsync();
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Müller GmbH", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        var page = await rep.GetDocumentAsync(Url(december));

        using var response = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[1].Name"] = "Brand New Ltd",
            ["Rows[1].Zone"] = "Surprises",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Equal([($"#drop-{acme}-reason", "Choose why Acme is no longer on your list.")], Problems(shown));
        Assert.NotNull(shown.QuerySelector<IHtmlSelectElement>($"#drop-{acme}-reason"));
        Assert.Contains("Everything you typed is still here.", shown.QuerySelector("#error-summary #drop-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Brand New Ltd", shown.QuerySelector<IHtmlInputElement>("#row-1-name")!.Value);
    }

    [Fact]
    public async Task AProblemWithTheWholeFormIsListedWithoutALink()
    {
        var team = await factory.CreateTeamAsync();
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync(Url(team.MeetingId));
        await factory.WithDbAsync(db => db.Meetings
            .Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeetingStatus.Locked)));

        using var response = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Name"] = "Acme", ["Rows[0].Zone"] = "Surprises" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var (href, text) = Assert.Single(Problems(shown));
        Assert.Null(href);
        Assert.Contains("locked", text, StringComparison.Ordinal);
        Assert.Equal("Acme", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
    }

    [Fact]
    public async Task AWorksheetThatWasNotRefusedHasNoSummary()
    {
        var team = await factory.CreateTeamAsync();

        var page = await factory.CreateClientFor(team.RepIds[0]).GetDocumentAsync(Url(team.MeetingId));

        Assert.Null(page.QuerySelector("#error-summary"));
        Assert.Equal("0 of 10 filled", page.QuerySelector("#filled-count")!.TextContent);
    }
}

/// <summary>The summary's order and links from ModelState alone, including a row field the page may add later.</summary>
public class WorksheetErrorSummaryBuildTests
{
    private static readonly DropCheck Dropping = new(
        [new DroppedCustomer(41, "Acme", Zone.Recovery, null), new DroppedCustomer(7, "Beta", Zone.Surprises, null)], [], new Dictionary<int, string>(), null);

    [Fact]
    public void FormProblemsComeFirstThenRowsInFieldOrderThenDropsInTheirListedOrder()
    {
        var state = new ModelStateDictionary();
        state.AddModelError(DropCheck.Key(7), "Choose why Beta is no longer on your list.");
        state.AddModelError("Rows[3].Note", "Keep the note short.");
        state.AddModelError("Rows[3].Name", "Add the name.");
        state.AddModelError(DropCheck.Key(41), "Choose why Acme is no longer on your list.");
        state.AddModelError("Rows[1].Someday", "A new rule.");
        state.AddModelError(string.Empty, "The form arrived damaged.");

        var summary = WorksheetErrorSummary.Build(state, Dropping);

        Assert.Equal(
            [
                new ErrorSummaryItemView(null, "The form arrived damaged."),
                new ErrorSummaryItemView("#row-1", "Row 2: A new rule."),
                new ErrorSummaryItemView("#row-3-name", "Row 4: Add the name."),
                new ErrorSummaryItemView("#row-3-note", "Row 4: Keep the note short."),
                new ErrorSummaryItemView("#drop-41-reason", "Choose why Acme is no longer on your list."),
                new ErrorSummaryItemView("#drop-7-reason", "Choose why Beta is no longer on your list."),
            ],
            summary.Items.Select(i => new ErrorSummaryItemView(i.Href, i.Message)));
    }

    [Fact]
    public void AValidFormHasNoSummary() => Assert.False(WorksheetErrorSummary.Build(new ModelStateDictionary(), Dropping).HasProblems);

    private sealed record ErrorSummaryItemView(string? Href, string Message);
}
