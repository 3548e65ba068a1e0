using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Worksheets;

/// <summary>Posts no browser would send: each gets the form back with a message, never a server error.</summary>
public class CraftedWorksheetPostTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    private async Task<(HttpClient Client, TeamSetup Team, string Token)> RepWithTokenAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        return (client, team, page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int meetingId, string token, params (string Key, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields
            .Select(f => KeyValuePair.Create(f.Key, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.PostAsync(Url(meetingId), content);
    }

    private Task<int> EntryCountAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId)));

    private Task<List<string>> SavedNamesAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries
            .Where(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId))
            .Select(e => e.CustomerName)
            .ToListAsync());

    private static string? ErrorNextTo(IHtmlDocument page, int row) => page.QuerySelector($"#row-{row} .field-validation-error")?.TextContent;

    [Fact]
    public async Task ExplicitIndexesWithARowThatHasNoFieldsSaveTheOtherRows()
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token,
            ("Rows.index", "0"), ("Rows.index", "1"), ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Recovery"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Acme"], await SavedNamesAsync(team.MeetingId));
    }

    [Theory]
    [InlineData("Acme\uFFFECorp")]
    [InlineData("Acme\uFDD0")]
    [InlineData("Acme\uD800Corp")]
    [InlineData("Acme\u0000Corp")]
    public async Task ANameWithACharacterThatIsNotTextIsRefusedAtItsRowWithTheOtherRowsKept(string name)
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token,
            ("Rows[0].Name", "Beta"), ("Rows[0].Zone", "Surprises"), ("Rows[0].Note", "keep me"),
            ("Rows[1].Name", name), ("Rows[1].Zone", "Recovery"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("character", ErrorNextTo(shown, 1), StringComparison.Ordinal);
        Assert.Equal("Beta", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.Equal("keep me", shown.QuerySelector<IHtmlTextAreaElement>("#row-0-note")!.Value);
        Assert.Equal("true", shown.QuerySelector("#row-1-name")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    [Fact]
    public async Task AnEncodedNulBesideRawUtf8KeepsTheRawTextAsTyped()
    {
        var (client, team, token) = await RepWithTokenAsync();
        // A hand-written body: raw UTF-8 (which browsers escape, scripts may not) next to an escaped NUL.
        var body = "Rows[0].Name=Caf\u00E9+Crème&Rows[0].Zone=Expectations&Rows[0].Note=call%00back&Version=0"
            + $"&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync(Url(team.MeetingId), content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Equal("Caf\u00E9 Crème", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.Contains("control character", ErrorNextTo(shown, 0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANulInANoteIsRefusedAtItsRowWithTheNameKept()
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token,
            ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Expectations"), ("Rows[0].Note", "call\u0000back"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("control character", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Equal("Acme", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("Recovery,Surprises")]
    [InlineData("recovery")]
    [InlineData(" Recovery")]
    [InlineData("Pinched")]
    public async Task AZoneThatIsNotOneOfTheThreeNamesIsRefusedNotCoerced(string zone)
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token, ("Rows[0].Name", "Acme"), ("Rows[0].Zone", zone), ("Version", "0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Choose a zone for Acme", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Equal("Acme", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Key,Growth")]
    [InlineData("Platinum")]
    public async Task AnAccountTypeThatIsNotOneOfTheFourIsRefused(string type)
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token,
            ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Surprises"), ("Rows[0].AccountType", type), ("Version", "0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Key, Growth, New or Standard", ErrorNextTo(shown, 0), StringComparison.Ordinal);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    [Fact]
    public async Task ANameMadeOnlyOfCombiningMarksIsBlankNotACustomer()
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var blank = await PostAsync(client, team.MeetingId, token,
            ("Rows[0].Name", "\u0301\u0308"), ("Rows[0].Zone", "Recovery"), ("Rows[1].Name", "Acme"), ("Rows[1].Zone", "Surprises"), ("Version", "0"));

        Assert.Equal(HttpStatusCode.Redirect, blank.StatusCode);
        Assert.Equal(["Acme"], await SavedNamesAsync(team.MeetingId));
    }

    [Fact]
    public async Task AVersionThatIsNotANumberIsAnsweredWithAMessageAndTheRowsKept()
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(client, team.MeetingId, token, ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Surprises"), ("Version", "x"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("reload", shown.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Acme", shown.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    /// <summary>
    /// A ~30 KB post of a thousand rows came back as a ~5.8 MB page taking seconds of CPU (every posted row is rendered
    /// with its zone radios, ticks, account type select and drop-reason select), on the plain save (422) and on the
    /// new Remove and "use the known name" paths (200). The page should show at most the worksheet's ten rows.
    /// </summary>
    [Theory]
    [InlineData("Version", "0")]
    [InlineData("Remove", "0")]
    [InlineData("UseKnown", "0")]
    public async Task APostWithMoreRowsThanAWorksheetHoldsIsNotRenderedBackRowByRow(string submit, string value)
    {
        var (client, team, token) = await RepWithTokenAsync();
        var fields = Enumerable.Range(0, 300)
            .Select(i => ($"Rows[{i}].Name", "Customer number " + i.ToString(CultureInfo.InvariantCulture)))
            .Append((submit, value));

        using var response = await PostAsync(client, team.MeetingId, token, [.. fields]);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
        Assert.Null(page.QuerySelector("#row-10-name"));
        Assert.True(page.QuerySelectorAll("input[id$='-name'][id^='row-']").Length <= 10);
    }

    /// <summary>
    /// Remove "empties the row, nothing saved"; a Remove naming no row (-1, 10, 99999999999, "x") is taken as no Remove
    /// at all and the whole form is saved, so a crafted or stale button saves what the rep had not meant to save yet.
    /// </summary>
    [Theory]
    [InlineData("-1")]
    [InlineData("10")]
    [InlineData("99999999999")]
    [InlineData("x")]
    public async Task ARemoveThatNamesNoRowSavesNothing(string remove)
    {
        var (client, team, token) = await RepWithTokenAsync();

        using var response = await PostAsync(
            client, team.MeetingId, token, ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Recovery"), ("Version", "0"), ("Remove", remove));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }

    [Fact]
    public async Task NamelessRowsWithOddTicksSaveTheNamedRowAndSayOnlyWhereSomethingWasTickedWhileANamelessNoteIsRefused()
    {
        var (client, team, token) = await RepWithTokenAsync();
        (string, string)[] rows =
        [
            ("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Recovery"),
            ("Rows[1].Zone", "Surprises"), ("Rows[1].Causes", ""),
            ("Rows[2].Causes", "Bogus"), ("Rows[2].Causes", "Respect"),
            ("Rows[3].Pinch", "odd"), ("Rows[3].Zone", ""),
            ("Rows[4].Pinch", "true"), ("Rows[4].Name", "   "),
            ("Rows[5].Note", "  "),
            ("Rows[6].Name", ""), ("Rows[6].AccountType", "Key"),
            ("Rows[8].Zone", "Recovery"), ("Rows[8].Name", "After A Gap"),
            ("Version", "0"),
        ];

        using (var saved = await PostAsync(client, team.MeetingId, token, rows))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(["Acme"], await SavedNamesAsync(team.MeetingId));
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        var noted = Enumerable.Range(0, 10).Where(i => page.QuerySelector($"#row-{i} .row-note")?.TextContent.Contains("no customer's name") == true);
        // Row 8 follows a gap in the indexes, so it never arrives: the form binds rows up to the first missing one.
        Assert.Equal([1, 2, 4], noted);

        using var refused = await PostAsync(client, team.MeetingId, token, [.. rows, ("Rows[7].Note", "typed with no name"), ("Rows[7].Zone", "Recovery")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }
}
