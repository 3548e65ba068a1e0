using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

/// <summary>
/// A rep's second meeting, through the form as a browser without script posts it: moving, replacing and removing last
/// time's customers, and being asked "Did you mean …?" before a near-duplicate splits a customer in two.
/// </summary>
public class SecondMeetingTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    /// <summary>
    /// November: Greenleaf in Recovery (Respect and Reliability, a note), Acme in Expectations feeling a pinch,
    /// Zoë's Bakery in Surprises. December is open with that list carried forward.
    /// </summary>
    private async Task<(TeamSetup Team, int December, HttpClient Rep)> SecondMeetingAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync(Url(team.MeetingId));
        using (var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Greenleaf",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[0].Note"] = "Felt ignored after price change",
            ["Rows[0].Causes"] = "Respect",
            ["Rows[1].Name"] = "Acme",
            ["Rows[1].Zone"] = "Expectations",
            ["Rows[1].Pinch"] = "true",
            ["Rows[2].Name"] = "Zoë's Bakery",
            ["Rows[2].Zone"] = "Surprises",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        return (team, december, rep);
    }

    private Task<List<Entry>> EntriesAtAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries
            .AsNoTracking()
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId))
            .OrderBy(e => e.Position)
            .ToListAsync());

    private Task<List<Drop>> DropsAtAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Drops.AsNoTracking().Where(d => db.Worksheets.Any(w => w.Id == d.WorksheetId && w.MeetingId == meetingId)).ToListAsync());

    private static bool Ticked(IHtmlDocument page, string id) => page.QuerySelector<IHtmlInputElement>($"#{id}")!.IsChecked;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ARecoveryCustomerWithTicksMovedToSurprisesSavesFirstTimeAndTheSavedPageSaysTheTicksWentFromThatRow()
    {
        var (_, december, rep) = await SecondMeetingAsync();
        var page = await rep.GetDocumentAsync(Url(december));
        Assert.True(Ticked(page, "row-0-cause-Respect"));

        using var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var greenleaf = (await EntriesAtAsync(december))[0];
        Assert.Equal((Zone.Surprises, ThreeRs.None), (greenleaf.Zone, greenleaf.Causes));
        var after = await rep.GetDocumentAsync(Url(december));
        Assert.Contains("Respect was cleared", after.QuerySelector("#row-0")!.TextContent, StringComparison.Ordinal);
        Assert.False(Ticked(after, "row-0-cause-Respect"));
        Assert.Null(after.QuerySelector("#row-1 .row-note:not([hidden])"));

        // Said once: the next visit shows the row as saved, without the note.
        var later = await rep.GetDocumentAsync(Url(december));
        Assert.DoesNotContain("was cleared", later.QuerySelector("#row-0")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APinchedCustomerMovedToRecoverySavesAndLosesThePinch()
    {
        var (_, december, rep) = await SecondMeetingAsync();
        var page = await rep.GetDocumentAsync(Url(december));

        using var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[1].Zone"] = "Recovery",
            ["Rows[1].Causes"] = "Responsiveness",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var acme = (await EntriesAtAsync(december))[1];
        Assert.Equal((Zone.Recovery, false, ThreeRs.Responsiveness), (acme.Zone, acme.Pinched, acme.Causes));
        var after = await rep.GetDocumentAsync(Url(december));
        Assert.Contains("\"Feeling a pinch\" was cleared", after.QuerySelector("#row-1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerOnTheListIsNeverAskedAboutAsGoneWhileItsRowShowsAnError()
    {
        var (_, december, rep) = await SecondMeetingAsync();
        var page = await rep.GetDocumentAsync(Url(december));

        // Greenleaf stays on row 1 with a note too long: the row is refused, but Greenleaf has not gone anywhere.
        using var refused = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Note"] = new string('n', 501) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.NotNull(shown.QuerySelector("#row-0 [data-valmsg-for='Rows[0].Note']"));
        Assert.Null(shown.QuerySelector("#dropped"));
    }

    [Fact]
    public async Task ANameTypedOverACarriedRowIsANewCustomerInheritingNothingAndTheOldOneNeedsAReason()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        var greenleafId = await factory.CustomerIdAsync(team.TeamId, "greenleaf");
        var page = await rep.GetDocumentAsync(Url(december));

        using var refused = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Name"] = "Oakridge Dental" });

        // Without script the form still carries Greenleaf's zone, ticks and note: they are not Oakridge's.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.Equal("Oakridge Dental", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.All(ZoneStyleZones(), z => Assert.False(Ticked(shown, $"row-0-zone-{z}")));
        Assert.False(Ticked(shown, "row-0-cause-Respect"));
        Assert.Equal("", shown.QuerySelector<IHtmlTextAreaElement>("#row-0-note")!.Value);
        Assert.Null(shown.QuerySelector("#row-0-last"));
        Assert.Contains("in place of Greenleaf", shown.QuerySelector("#row-0")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("#row-0 [data-valmsg-for='Rows[0].Zone']"));
        Assert.NotNull(shown.QuerySelector($"#drop-{greenleafId}-reason"));
        Assert.Empty(await EntriesAtAsync(december));

        using var saved = await rep.SubmitAsync(shown.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Zone"] = "Expectations",
            ["Drops[0].Reason"] = "ReplacedToKeepTen",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var oakridge = (await EntriesAtAsync(december))[0];
        Assert.Equal(
            ("Oakridge Dental", Zone.Expectations, ThreeRs.None, (string?)null), (oakridge.CustomerName, oakridge.Zone, oakridge.Causes, oakridge.Note));
        Assert.NotEqual(greenleafId, oakridge.CustomerId);
        var drop = Assert.Single(await DropsAtAsync(december));
        Assert.Equal((greenleafId, DropReason.ReplacedToKeepTen, Zone.Recovery), (drop.CustomerId, drop.Reason, drop.LastZone));
    }

    [Fact]
    public async Task AReasonChosenOnTheRowForItsReplacedCustomerIsSavedWithTheNewCustomer()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        var greenleafId = await factory.CustomerIdAsync(team.TeamId, "greenleaf");
        var page = await rep.GetDocumentAsync(Url(december));

        // What the page's script posts after a name is typed over Greenleaf: no carried id, Greenleaf dropped on the row.
        using var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Oakridge Dental",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[0].Note"] = "",
            ["Rows[0].Causes"] = null,
            ["Rows[0].Carried"] = null,
            ["Rows[0].Dropped"] = Id(greenleafId),
            ["Rows[0].DropReason"] = "LostToCompetitor",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var oakridge = (await EntriesAtAsync(december))[0];
        Assert.Equal(("Oakridge Dental", Zone.Recovery), (oakridge.CustomerName, oakridge.Zone));
        Assert.Equal((greenleafId, DropReason.LostToCompetitor), Assert.Single(await DropsAtAsync(december)) is var d ? (d.CustomerId, d.Reason) : default);
    }

    [Fact]
    public async Task RemoveWithoutScriptEmptiesTheRowAsksTheReasonBelowAndKeepsEverythingElseTyped()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        var acmeId = await factory.CustomerIdAsync(team.TeamId, "acme");
        var page = await rep.GetDocumentAsync(Url(december));
        page.QuerySelector<IHtmlInputElement>("#row-0-zone-Expectations")!.IsChecked = true;
        page.QuerySelector<IHtmlInputElement>("#row-3-name")!.Value = "Half Typed";

        using var removed = await rep.SubmitAsync(page.Form(), submitter: page.QuerySelector<IHtmlButtonElement>("#row-1-remove"));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var shown = await HtmlForms.ParseAsync(removed);
        Assert.Equal("", shown.QuerySelector<IHtmlInputElement>("#row-1-name")!.Value);
        Assert.False(Ticked(shown, "row-1-pinch"));
        Assert.Null(shown.QuerySelector("#row-1-remove"));
        Assert.True(Ticked(shown, "row-0-zone-Expectations"));
        Assert.Equal("Half Typed", shown.QuerySelector<IHtmlInputElement>("#row-3-name")!.Value);
        Assert.Contains("Acme", shown.QuerySelector("#removed-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector($"#drop-{acmeId}-reason"));
        Assert.Empty(await EntriesAtAsync(december));

        using var saved = await rep.SubmitAsync(shown.Form(), new Dictionary<string, string?>
        {
            ["Rows[1].Name"] = "Northwind Traders",
            ["Rows[1].Zone"] = "Surprises",
            ["Rows[3].Zone"] = "Expectations",
            ["Drops[0].Reason"] = "StoppedBuying",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Greenleaf", "Northwind Traders", "Zoë's Bakery", "Half Typed"], (await EntriesAtAsync(december)).Select(e => e.CustomerName));
        Assert.Equal((acmeId, DropReason.StoppedBuying), Assert.Single(await DropsAtAsync(december)) is var d ? (d.CustomerId, d.Reason) : default);

        // The reason can still be changed while the meeting is open.
        var again = await rep.GetDocumentAsync(Url(december));
        using var changed = await rep.SubmitAsync(again.Form(), new Dictionary<string, string?> { ["Drops[0].Reason"] = "NoLongerMyAccount" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(DropReason.NoLongerMyAccount, Assert.Single(await DropsAtAsync(december)).Reason);
    }

    [Fact]
    public async Task ANearDuplicateNameIsAskedOnceThenANewCustomerSavesAsTyped()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Contoso Ltd", "Expectations", "Standard", null));
        var page = await rep.GetDocumentAsync(Url(december));
        Assert.NotNull(page.QuerySelector("datalist#known-customers option[value='Contoso Ltd']"));
        Assert.Equal("known-customers", page.QuerySelector("#row-3-name")!.GetAttribute("list"));

        using var asked = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[3].Name"] = "Contoso Limited",
            ["Rows[3].Zone"] = "Surprises",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        var shown = await HtmlForms.ParseAsync(asked);
        Assert.Equal("Did you mean Contoso Ltd?", shown.QuerySelector("#row-3 [data-valmsg-for='Rows[3].Name']")!.TextContent.Trim());
        Assert.NotNull(shown.QuerySelector("#row-3-didyoumean"));
        Assert.Equal("Contoso Limited", shown.QuerySelector<IHtmlInputElement>("#row-3-name")!.Value);
        Assert.True(Ticked(shown, "row-3-zone-Surprises"));
        Assert.Empty(await EntriesAtAsync(december));

        shown.QuerySelector<IHtmlInputElement>("#row-3-new-customer")!.IsChecked = true;
        using var saved = await rep.SubmitAsync(shown.Form());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Contoso Limited", (await EntriesAtAsync(december))[3].CustomerName);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Customers.CountAsync(c => c.TeamId == team.TeamId && c.Name.StartsWith("Contoso"))));
    }

    [Fact]
    public async Task ANearDuplicateOfANameOnAnotherRowSaysWhichRowAndOffersNoNameThatWouldBeRefused()
    {
        var (_, december, rep) = await SecondMeetingAsync();
        var page = await rep.GetDocumentAsync(Url(december));

        using var asked = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[3].Name"] = "Greenleaf Ltd",
            ["Rows[3].Zone"] = "Surprises",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        var shown = await HtmlForms.ParseAsync(asked);
        Assert.Equal("Did you mean Greenleaf? It is already on row 1: clear this row if it is the same customer.",
            shown.QuerySelector("#row-3 [data-valmsg-for='Rows[3].Name']")!.TextContent.Trim());
        Assert.Null(shown.QuerySelector("#row-3-use-known"));
        Assert.NotNull(shown.QuerySelector("#row-3-new-customer"));
    }

    [Fact]
    public async Task TwoNearNamesNewOnAFirstWorksheetAskOnTheLaterRowThenSaveAsTwoCustomersOnceConfirmed()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync(Url(team.MeetingId));

        using var asked = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Contoso Ltd",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[1].Name"] = "Northwind",
            ["Rows[1].Zone"] = "Expectations",
            ["Rows[2].Name"] = "Contoso Limited",
            ["Rows[2].Zone"] = "Surprises",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        var shown = await HtmlForms.ParseAsync(asked);
        Assert.Equal("Did you mean Contoso Ltd? It is already on row 1: clear this row if it is the same customer.",
            shown.QuerySelector("#row-2 [data-valmsg-for='Rows[2].Name']")!.TextContent.Trim());
        Assert.Null(shown.QuerySelector("#row-0-didyoumean"));
        Assert.Null(shown.QuerySelector("#row-2-use-known"));
        Assert.Equal("Contoso Limited", shown.QuerySelector<IHtmlInputElement>("#row-2-name")!.Value);
        Assert.True(Ticked(shown, "row-2-zone-Surprises"));
        Assert.Empty(await EntriesAtAsync(team.MeetingId));

        shown.QuerySelector<IHtmlInputElement>("#row-2-new-customer")!.IsChecked = true;
        using var saved = await rep.SubmitAsync(shown.Form());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Contoso Ltd", "Northwind", "Contoso Limited"], (await EntriesAtAsync(team.MeetingId)).Select(e => e.CustomerName));
    }

    [Fact]
    public async Task OneRefusedSaveAsksForTheGoneCustomersReasonAlongsideTheRowsOwnProblems()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        var acmeId = await factory.CustomerIdAsync(team.TeamId, "acme");
        var page = await rep.GetDocumentAsync(Url(december));

        // Acme is typed over (a new customer, still without a zone): both problems are listed by the first refusal.
        using var refused = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[1].Name"] = "Northwind Traders" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.NotNull(shown.QuerySelector("#row-1 [data-valmsg-for='Rows[1].Zone']"));
        Assert.NotNull(shown.QuerySelector($"#drop-{acmeId}-reason"));
        var links = shown.QuerySelectorAll("#error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#row-1-zone-Recovery", links);
        Assert.Contains($"#drop-{acmeId}-reason", links);
        Assert.Empty(await EntriesAtAsync(december));
    }

    [Fact]
    public async Task UsingTheKnownNameFillsItInAndSavesAsThatCustomer()
    {
        var (team, december, rep) = await SecondMeetingAsync();
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Fabrikam Corp.", "Expectations", "Standard", null));
        var page = await rep.GetDocumentAsync(Url(december));
        using var asked = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[3].Name"] = "Fabrikam Corp",
            ["Rows[3].Zone"] = "Recovery",
        });
        var shown = await HtmlForms.ParseAsync(asked);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);

        using var filled = await rep.SubmitAsync(shown.Form(), submitter: shown.QuerySelector<IHtmlButtonElement>("#row-3-use-known"));

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var named = await HtmlForms.ParseAsync(filled);
        Assert.Equal("Fabrikam Corp.", named.QuerySelector<IHtmlInputElement>("#row-3-name")!.Value);
        Assert.True(Ticked(named, "row-3-zone-Recovery"));
        Assert.Null(named.QuerySelector("#row-3-didyoumean"));
        using var saved = await rep.SubmitAsync(named.Form());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var fabrikam = await factory.CustomerIdAsync(team.TeamId, "fabrikam corp.");
        Assert.Equal(fabrikam, (await EntriesAtAsync(december))[3].CustomerId);
    }

    [Theory]
    [InlineData("Remove", "-1")]
    [InlineData("Remove", "10")]
    [InlineData("Remove", "99999999999999999999")]
    [InlineData("Remove", "x")]
    [InlineData("UseKnown", "7")]
    [InlineData("UseKnown", "")]
    [InlineData("Rows[0].Carried", "99999999999")]
    [InlineData("Rows[0].Carried", "-1")]
    [InlineData("Rows[0].Dropped", "not a number")]
    [InlineData("Rows[1].Dropped", "2147483647")]
    [InlineData("Rows[0].DropReason", "Abducted")]
    [InlineData("Rows[3].NewCustomer", "\u0000")]
    public async Task CraftedRowActionsNeverFail(string field, string value)
    {
        var (_, december, rep) = await SecondMeetingAsync();
        var page = await rep.GetDocumentAsync(Url(december));
        var values = new Dictionary<string, string?> { [field] = value, ["Rows[3].Name"] = "Acme Crop", ["Rows[3].Zone"] = "Recovery" };
        if (field == "Rows[1].Dropped")
        {
            values["Rows[1].DropReason"] = "StoppedBuying";
        }

        using var response = await rep.SubmitAsync(page.Form(), values);

        Assert.True((int)response.StatusCode < 500, $"{field}={value}: {(int)response.StatusCode}");
    }

    private static IEnumerable<Zone> ZoneStyleZones() => ZoneStyle.All.Select(z => z.Zone);
}
