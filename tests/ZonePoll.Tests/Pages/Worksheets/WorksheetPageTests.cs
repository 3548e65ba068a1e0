using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

public class WorksheetPageTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    private static Dictionary<string, string?> Rows(params (int Row, string Name, string? Zone, string Type, string? Note)[] rows)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (row, name, zone, type, note) in rows)
        {
            values[$"Rows[{row}].Name"] = name;
            values[$"Rows[{row}].Zone"] = zone;
            values[$"Rows[{row}].AccountType"] = type;
            values[$"Rows[{row}].Note"] = note ?? "";
        }

        return values;
    }

    private static string? InputValue(IHtmlDocument page, int row, string field) => field switch
    {
        "Note" => page.QuerySelector<IHtmlTextAreaElement>($"#row-{row}-note")?.Value,
        "Zone" => page.QuerySelectorAll<IHtmlInputElement>($"input[name='Rows[{row}].Zone']").SingleOrDefault(i => i.IsChecked)?.Value,
        "AccountType" => page.QuerySelector<IHtmlSelectElement>($"#row-{row}-type")?.Value,
        _ => page.QuerySelector<IHtmlInputElement>($"#row-{row}-name")?.Value,
    };

    private static string? ErrorNextTo(IHtmlDocument page, int row) =>
        page.QuerySelector($"#row-{row} .field-validation-error")?.TextContent;

    private Task<List<Entry>> SavedEntriesAsync(int meetingId, string repId) =>
        factory.WithDbAsync(db => db.Entries.AsNoTracking()
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId && w.RepId == repId))
            .OrderBy(e => e.Position)
            .ToListAsync());

    [Fact]
    public async Task RepSavesTenCustomersAndSeesThemWhenComingBack()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        Assert.Equal(10, page.QuerySelectorAll(".worksheet-row").Length);

        var rows = Enumerable.Range(0, 10)
            .Select(i => (i, $"Customer {i}", (string?)((Zone)(i % 3)).ToString(), ((AccountType)(i % 4)).ToString(), (string?)$"note {i}"))
            .ToArray();
        using var response = await client.SubmitAsync(page.Form(), Rows(rows));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedEntriesAsync(team.MeetingId, team.RepIds[0]);
        Assert.Equal(10, saved.Count);
        Assert.Equal(Zone.Surprises, saved[2].Zone);
        Assert.Equal(AccountType.Standard, saved[3].AccountType);
        var again = await client.GetDocumentAsync(Url(team.MeetingId));
        Assert.Equal("Customer 7", InputValue(again, 7, "Name"));
        Assert.Equal("Expectations", InputValue(again, 7, "Zone"));
        Assert.Equal("New", InputValue(again, 2, "AccountType"));
        Assert.Equal("note 9", InputValue(again, 9, "Note"));
    }

    [Fact]
    public async Task WorksheetSaysTheTeamAndDateOnceWhenTheProposedTitleAlreadyHasThem()
    {
        var team = await factory.CreateTeamAsync(teamName: "Sales East");
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Title, "Sales East · 26 November 2026")));
        var client = factory.CreateClientFor(team.RepIds[0]);

        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        Assert.Equal("Sales East · 26 November 2026", page.QuerySelector("#worksheet-meeting")!.TextContent.Trim());
        var other = await factory.CreateTeamAsync(teamName: "Sales West");
        var otherPage = await factory.CreateClientFor(other.RepIds[0]).GetDocumentAsync(Url(other.MeetingId));
        Assert.Equal("November meeting · Sales West · 26 Nov 2026", otherPage.QuerySelector("#worksheet-meeting")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnArchivedTeamsWorksheetIsShownReadOnlySoNothingIsTypedThatCannotBeSaved()
    {
        var team = await factory.CreateTeamAsync();
        await factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ArchivedAt, DateTimeOffset.UtcNow)));

        var page = await factory.CreateClientFor(team.RepIds[0]).GetDocumentAsync(Url(team.MeetingId));

        Assert.True(page.QuerySelector<IHtmlFieldSetElement>("#worksheet-form fieldset")!.IsDisabled);
        Assert.True(page.QuerySelector<IHtmlButtonElement>("#save-bar button[type=submit]")!.IsDisabled);
    }

    [Fact]
    public async Task NamedRowWithoutAZoneIsRefusedBesideThatRowAndEverythingTypedSurvives()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        using var response = await client.SubmitAsync(page.Form(), Rows(
            (0, "Acme", "Surprises", "Key", "Loves us"),
            (3, "Beta Ltd", null, "Growth", "Waiting on a call"),
            (4, "Gamma", "Recovery", "New", null)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Choose a zone for Beta Ltd", ErrorNextTo(shown, 3), StringComparison.Ordinal);
        Assert.Contains("check row 4 below", shown.QuerySelector("#row-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Null(ErrorNextTo(shown, 0));
        Assert.Equal(
            ("Acme", "Surprises", "Key", "Loves us"),
            (InputValue(shown, 0, "Name"), InputValue(shown, 0, "Zone"), InputValue(shown, 0, "AccountType"), InputValue(shown, 0, "Note")));
        Assert.Equal(
            ("Beta Ltd", "Growth", "Waiting on a call"), (InputValue(shown, 3, "Name"), InputValue(shown, 3, "AccountType"), InputValue(shown, 3, "Note")));
        Assert.Equal("Recovery", InputValue(shown, 4, "Zone"));
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task BlankRowsAreIgnoredAndNamesAreTrimmed()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        using var response = await client.SubmitAsync(
            page.Form(), Rows((1, "   Acme Corp  ", "Expectations", "Standard", "  "), (6, "Beta", "Recovery", "Key", null)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedEntriesAsync(team.MeetingId, team.RepIds[0]);
        Assert.Equal([(1, "Acme Corp", (string?)null), (6, "Beta", null)], saved.Select(e => (e.Position, e.CustomerName, e.Note)));
    }

    [Fact]
    public async Task NameOverOneHundredCharactersIsRefusedAndShownBackWhole()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        var longName = string.Concat(Enumerable.Repeat("Very Long Name ", 7)).Trim();

        using var response = await client.SubmitAsync(page.Form(), Rows((0, longName, "Expectations", "Standard", null)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("100 characters", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Equal(longName, InputValue(shown, 0, "Name"));
    }

    [Fact]
    public async Task ControlCharactersInANameAndOverlongNotesAreRefused()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        var longNote = new string('x', 501);

        using var response = await client.SubmitAsync(
            page.Form(), Rows((0, "Acme\u0007Bell", "Expectations", "Standard", null), (1, "Beta", "Recovery", "Key", longNote)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("control character", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Contains("500 characters", ErrorNextTo(shown, 1), StringComparison.Ordinal);
        Assert.Equal(longNote, InputValue(shown, 1, "Note"));
    }

    [Fact]
    public async Task ADirectionOverrideInACustomerNameIsRefusedAtItsRowButNotInANote()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        const string Spoofed = "Acme \u202EdtL";

        using var response = await client.SubmitAsync(page.Form(), Rows(
            (0, Spoofed, "Expectations", "Standard", null), (1, "Beta", "Recovery", "Key", "\u2067שלום\u2069 said the buyer")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("direction of the text", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Equal(Spoofed, InputValue(shown, 0, "Name"));
        Assert.Null(ErrorNextTo(shown, 1));
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task TheSameCustomerTwiceIsRefusedAtTheSecondRow()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        using var response = await client.SubmitAsync(
            page.Form(), Rows((0, "Müller GmbH", "Recovery", "Key", null), (4, " MULLER  gmbh", "Surprises", "Key", null)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Null(ErrorNextTo(shown, 0));
        Assert.Contains("already on row 1", ErrorNextTo(shown, 4), StringComparison.Ordinal);
        Assert.Equal(" MULLER  gmbh", InputValue(shown, 4, "Name"));
    }

    [Fact]
    public async Task CraftedPostWithAnEleventhCustomerSavesNothing()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        var rows = Enumerable.Range(0, 11).Select(i => (i, $"Customer {i}", (string?)"Expectations", "Standard", (string?)null)).ToArray();

        using var response = await client.SubmitAsync(page.Form(), Rows(rows));

        // No browser sends an eleventh row: the post is refused whole rather than drawn back row by row.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 10 rows", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesAnEleventhEntry()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        var ten = Enumerable.Range(0, 10).Select(i => (i, $"C{i}", (string?)"Expectations", "Standard", (string?)null)).ToArray();
        using var response = await client.SubmitAsync(page.Form(), Rows(ten));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await Assert.ThrowsAsync<DbUpdateException>(() => factory.WithDbAsync(async db =>
        {
            var worksheetId = await db.Worksheets.Where(w => w.MeetingId == team.MeetingId).Select(w => w.Id).SingleAsync();
            var customer = new ZonePoll.Web.Teams.Customer { TeamId = team.TeamId, Name = "Eleventh", NormalizedName = "eleventh" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            db.Entries.Add(new Entry
            {
                WorksheetId = worksheetId,
                CustomerId = customer.Id,
                Position = 10,
                CustomerName = "Eleventh",
                Zone = Zone.Recovery,
                AccountType = AccountType.Key,
            });
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task ASaveTheDatabaseFailsIsAnsweredBesideTheFormWithTheInputKept()
    {
        // A stand-in for whatever else can make one save fail under the writer's lock.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(factory.Provider == ZonePoll.Web.Data.DatabaseProvider.Sqlite
            ? """
              CREATE TRIGGER IF NOT EXISTS "PoisonPill" BEFORE INSERT ON "Entries" WHEN NEW."CustomerName" = 'Poison Pill'
              BEGIN SELECT RAISE(ABORT, 'poisoned'); END
              """
            : """
              CREATE OR REPLACE FUNCTION poison_pill() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW."CustomerName" = 'Poison Pill' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$;
              CREATE OR REPLACE TRIGGER "PoisonPill" BEFORE INSERT ON "Entries" FOR EACH ROW EXECUTE FUNCTION poison_pill();
              """));
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        using var response = await client.SubmitAsync(page.Form(), Rows((0, "Poison Pill", "Surprises", "Key", "typed before it failed")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("could not be saved", shown.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Poison Pill", InputValue(shown, 0, "Name"));
        Assert.Equal("typed before it failed", InputValue(shown, 0, "Note"));
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task SavingAfterTheMeetingIsLockedIsRefusedAndTheInputIsShownBack()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        await factory.WithDbAsync(db => db.Meetings
            .Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeetingStatus.Locked)));

        using var response = await client.SubmitAsync(page.Form(), Rows((0, "Acme", "Surprises", "Key", "typed before the lock")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("locked", shown.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Acme", InputValue(shown, 0, "Name"));
        Assert.Equal("typed before the lock", InputValue(shown, 0, "Note"));
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task ADraftMeetingCannotBeFilledInYet()
    {
        var team = await factory.CreateTeamAsync(status: MeetingStatus.Draft);
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));

        Assert.Contains("not opened this meeting yet", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var response = await client.SubmitAsync(page.Form(), Rows((0, "Acme", "Surprises", "Key", null)));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await SavedEntriesAsync(team.MeetingId, team.RepIds[0]));
    }

    [Fact]
    public async Task ASecondTabSavingAnOlderVersionIsToldItChangedElsewhereAndKeepsItsInput()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var firstTab = await client.GetDocumentAsync(Url(team.MeetingId));
        var secondTab = await client.GetDocumentAsync(Url(team.MeetingId));

        using (var first = await client.SubmitAsync(firstTab.Form(), Rows((0, "From tab one", "Surprises", "Key", null))))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await client.SubmitAsync(secondTab.Form(), Rows((0, "From tab two", "Recovery", "New", "mine")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var shown = await HtmlForms.ParseAsync(second);
        Assert.Contains("changed elsewhere", shown.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(("From tab two", "Recovery", "mine"), (InputValue(shown, 0, "Name"), InputValue(shown, 0, "Zone"), InputValue(shown, 0, "Note")));
        Assert.Contains("From tab one", shown.QuerySelector("#saved-elsewhere")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("From tab one", (await SavedEntriesAsync(team.MeetingId, team.RepIds[0])).Single().CustomerName);

        // Having seen the other version, saving again keeps this tab's input on purpose.
        using var again = await client.SubmitAsync(shown.Form());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("From tab two", (await SavedEntriesAsync(team.MeetingId, team.RepIds[0])).Single().CustomerName);
    }

    [Fact]
    public async Task TheVersionSavedElsewhereListsNotesSoANoteOnlyChangeIsVisible()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        await client.SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", "first note"));
        var firstTab = await client.GetDocumentAsync(Url(team.MeetingId));
        var secondTab = await client.GetDocumentAsync(Url(team.MeetingId));
        using (await client.SubmitAsync(firstTab.Form(), Rows((0, "Acme", "Surprises", "Key", "called them on Monday"))))
        {
        }

        using var second = await client.SubmitAsync(secondTab.Form(), Rows((0, "Acme", "Surprises", "Key", "first note")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var shown = await HtmlForms.ParseAsync(second);
        Assert.Contains("called them on Monday", shown.QuerySelector("#saved-elsewhere")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnicodeNamesRoundTripExactlyAndHtmlIsShownAsText()
    {
        var team = await factory.CreateTeamAsync();
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        const string Script = "<script>alert('x')</script> & Co";

        using var response = await client.SubmitAsync(page.Form(), Rows(
            (0, "Zoë", "Surprises", "New", "Crème brûlée\nsecond line"),
            (1, "Müller GmbH", "Recovery", "Key", null),
            (2, "日本商事", "Expectations", "Growth", null),
            (3, Script, "Expectations", "Standard", null)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SavedEntriesAsync(team.MeetingId, team.RepIds[0]);
        Assert.Equal(["Zoë", "Müller GmbH", "日本商事", Script], saved.Select(e => e.CustomerName));
        Assert.Equal("Crème brûlée\nsecond line", saved[0].Note);

        using var html = await client.GetAsync(Url(team.MeetingId));
        var raw = await html.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        var shown = await HtmlForms.ParseAsync(html);
        Assert.Equal("日本商事", InputValue(shown, 2, "Name"));
        Assert.Equal(Script, InputValue(shown, 3, "Name"));
    }

    [Fact]
    public async Task TwoRepsNamingTheSameCustomerShareOneTeamCustomer()
    {
        var team = await factory.CreateTeamAsync();
        foreach (var (repId, spelling) in new[] { (team.RepIds[0], "Zoë's Bakery"), (team.RepIds[1], "  zoe's   BAKERY ") })
        {
            var client = factory.CreateClientFor(repId);
            var page = await client.GetDocumentAsync(Url(team.MeetingId));
            using var response = await client.SubmitAsync(page.Form(), Rows((0, spelling, "Surprises", "New", null)));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var customers = await factory.WithDbAsync(db => db.Customers.Where(c => c.TeamId == team.TeamId).ToListAsync());
        var customer = Assert.Single(customers);
        Assert.Equal("Zoë's Bakery", customer.Name);
        Assert.Equal("zoe's bakery", customer.NormalizedName);
    }

    [Fact]
    public async Task RepSeesOnlyTheirOwnWorksheet()
    {
        var team = await factory.CreateTeamAsync();
        var first = factory.CreateClientFor(team.RepIds[0]);
        var page = await first.GetDocumentAsync(Url(team.MeetingId));
        using (var response = await first.SubmitAsync(page.Form(), Rows((0, "Secret Customer Inc", "Recovery", "Key", "private note"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var other = await factory.CreateClientFor(team.RepIds[1]).GetAsync(Url(team.MeetingId));
        var shown = await HtmlForms.ParseAsync(other);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        // The team's customer names are offered as suggestions while typing (so one customer is not entered twice
        // under two spellings); the other rep's rows, zones and notes are not shown.
        Assert.Equal(["Secret Customer Inc"], shown.QuerySelectorAll("datalist#known-customers option").Select(o => o.GetAttribute("value")));
        shown.QuerySelector("datalist")!.Remove();
        Assert.DoesNotContain("Secret Customer Inc", shown.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("private note", shown.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerIsToldWorksheetsAreForReps()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/worksheet");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reps fill in worksheets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
