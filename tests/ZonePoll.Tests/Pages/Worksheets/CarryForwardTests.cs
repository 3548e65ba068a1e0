using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

public class CarryForwardTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly December = new(2026, 12, 17);

    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    /// <summary>A team whose first rep saved three customers at the November meeting, and an open December meeting.</summary>
    private async Task<(TeamSetup Team, int December, HttpClient Rep)> TeamWithNovemberListAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId,
            ("Müller GmbH", "Recovery", "Key", "late deliveries"), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, December);
        return (team, december, rep);
    }

    private Task<int> CustomerIdAsync(TeamSetup team, string normalizedName) => factory.CustomerIdAsync(team.TeamId, normalizedName);

    private Task<int> EntriesAtAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId)));

    // Tests in this class share a database: each counts the drops of its own meeting.
    private Task<int> DropsAtAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Drops.CountAsync(d => db.Worksheets.Any(w => w.Id == d.WorksheetId && w.MeetingId == meetingId)));

    private static Dictionary<string, string?> Blank(params int[] rows) =>
        rows.SelectMany(r => new[] { ($"Rows[{r}].Name", (string?)""), ($"Rows[{r}].Zone", (string?)null), ($"Rows[{r}].Note", (string?)"") })
            .ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public async Task ANewMeetingsWorksheetStartsFromTheRepsPreviousListWithLastTimesZonesAndCountsNothingUntilSaved()
    {
        var (team, december, rep) = await TeamWithNovemberListAsync();

        var page = await rep.GetDocumentAsync(Url(december));

        Assert.NotNull(page.QuerySelector("#carried-forward"));
        Assert.Equal(
            ["Müller GmbH", "Acme", "Zoë's Bakery", ""], Enumerable.Range(0, 4).Select(i => page.QuerySelector<IHtmlInputElement>($"#row-{i}-name")!.Value));
        Assert.True(page.QuerySelector<IHtmlInputElement>("#row-0-zone-Recovery")!.IsChecked);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#row-2-zone-Surprises")!.IsChecked);
        Assert.Equal("Key", page.QuerySelector<IHtmlSelectElement>("#row-0-type")!.Value);
        Assert.Equal("late deliveries", page.QuerySelector<IHtmlTextAreaElement>("#row-0-note")!.Value);
        Assert.Contains("last time: Service Recovery", page.QuerySelector("#row-0-last")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#row-3-last"));
        Assert.Null(page.QuerySelector("#dropped"));
        Assert.Equal(0, await EntriesAtAsync(december));

        // After saving, each row still says where the customer was last time.
        using var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await rep.GetDocumentAsync(Url(december));
        Assert.Null(after.QuerySelector("#carried-forward"));
        Assert.True(after.QuerySelector<IHtmlInputElement>("#row-0-zone-Surprises")!.IsChecked);
        Assert.Contains("last time: Service Recovery", after.QuerySelector("#row-0-last")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await EntriesAtAsync(december));
    }

    [Fact]
    public async Task AfterARepDropsEveryCustomerTheNextWorksheetStartsEmptyAndAsksForNoReasonsAgain()
    {
        var (team, december, rep) = await TeamWithNovemberListAsync();
        string[] names = ["muller gmbh", "acme", "zoe's bakery"];
        var ids = new List<int>();
        foreach (var name in names)
        {
            ids.Add(await CustomerIdAsync(team, name));
        }

        await rep.DropEverythingAsync(december, ids, "StoppedBuying");

        Assert.Equal(0, await EntriesAtAsync(december));
        Assert.Equal(3, await DropsAtAsync(december));
        var january = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2027, 1, 21), "January meeting");

        var next = await rep.GetDocumentAsync(Url(january));

        // December's empty list is the rep's previous one: November's customers are not back, nor asked about.
        Assert.Null(next.QuerySelector("#carried-forward"));
        Assert.All(next.QuerySelectorAll<IHtmlInputElement>("input[id$=-name]"), input => Assert.Equal("", input.Value));
        Assert.Null(next.QuerySelector("#dropped"));
        await rep.SaveWorksheetAsync(january, ("Brand New Ltd", "Surprises", "New", null));
        Assert.Equal(0, await DropsAtAsync(january));
        Assert.Equal(1, await EntriesAtAsync(january));
    }

    [Fact]
    public async Task ARepWithNoEarlierWorksheetGetsTheEmptyRows()
    {
        var (team, december, _) = await TeamWithNovemberListAsync();

        var page = await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync(Url(december));

        Assert.Null(page.QuerySelector("#carried-forward"));
        Assert.All(page.QuerySelectorAll<IHtmlInputElement>("input[id$=-name]"), input => Assert.Equal("", input.Value));
        Assert.Empty(page.QuerySelectorAll(".last-time"));
    }

    [Fact]
    public async Task ADroppedCustomerWithoutAReasonIsRefusedBesideItWithEverythingTypedKept()
    {
        var (team, december, rep) = await TeamWithNovemberListAsync();
        var acme = await CustomerIdAsync(team, "acme");
        var page = await rep.GetDocumentAsync(Url(december));
        var typed = Blank(1);
        typed["Rows[3].Name"] = "Brand New Ltd";
        typed["Rows[3].Zone"] = "Expectations";

        using var refused = await rep.SubmitAsync(page.Form(), typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Choose why Acme is no longer on your list.", shown.QuerySelector($"#drop-{acme}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", shown.QuerySelector($"#drop-{acme}-reason")!.GetAttribute("aria-invalid"));
        Assert.NotNull(shown.QuerySelector("#drop-errors"));
        Assert.Equal("Brand New Ltd", shown.QuerySelector<IHtmlInputElement>("#row-3-name")!.Value);
        Assert.Equal(0, await EntriesAtAsync(december));

        using var saved = await rep.SubmitAsync(shown.Form(), new Dictionary<string, string?> { ["Drops[0].Reason"] = "LostToCompetitor" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var drop = await factory.WithDbAsync(db => db.Drops.SingleAsync(d => d.CustomerId == acme));
        Assert.Equal((DropReason.LostToCompetitor, Zone.Expectations), (drop.Reason, drop.LastZone));
        Assert.Equal(3, await EntriesAtAsync(december));

        // The reason can be changed while the meeting is open.
        var again = await rep.GetDocumentAsync(Url(december));
        Assert.Equal("LostToCompetitor", again.QuerySelector<IHtmlSelectElement>($"#drop-{acme}-reason")!.Value);
        using var changed = await rep.SubmitAsync(again.Form(), new Dictionary<string, string?> { ["Drops[0].Reason"] = "NoLongerMyAccount" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(DropReason.NoLongerMyAccount, await factory.WithDbAsync(db => db.Drops
            .Where(d => d.CustomerId == acme)
            .Select(d => d.Reason)
            .SingleAsync()));
    }

    [Fact]
    public async Task RenamingOnlyByCaseSpacingOrAccentsIsTheSameCustomerNotADrop()
    {
        var (_, december, rep) = await TeamWithNovemberListAsync();
        var page = await rep.GetDocumentAsync(Url(december));

        using var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "  MULLER   gmbh ",
            ["Rows[2].Name"] = "ZOE'S BAKERY",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0, await DropsAtAsync(december));
    }

    [Theory]
    [InlineData("unknown reason", "Choose one of the four reasons for Acme.")]
    [InlineData("lostToCompetitor", "Choose one of the four reasons for Acme.")]
    [InlineData("reason for a customer still on the list", "is on your list again")]
    [InlineData("another rep's customer", "was not on your previous worksheet")]
    [InlineData("not a number", "was not on your previous worksheet")]
    public async Task CraftedDropReasonsAreRefusedWithAClearMessageAndNothingSaved(string craft, string message)
    {
        var (team, december, rep) = await TeamWithNovemberListAsync();
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Other Rep Co", "Recovery", "Standard", null));
        var acme = await CustomerIdAsync(team, "acme");
        var muller = await CustomerIdAsync(team, "muller gmbh");
        var otherRepsCustomer = await CustomerIdAsync(team, "other rep co");
        var page = await rep.GetDocumentAsync(Url(december));
        var typed = Blank(1);
        (typed["Drops[0].Customer"], typed["Drops[0].Reason"]) = (acme.ToString(System.Globalization.CultureInfo.InvariantCulture), "LostToCompetitor");
        (typed["Drops[1].Customer"], typed["Drops[1].Reason"]) = craft switch
        {
            "unknown reason" => (acme.ToString(System.Globalization.CultureInfo.InvariantCulture), "Abducted"),
            "lostToCompetitor" => (acme.ToString(System.Globalization.CultureInfo.InvariantCulture), "lostToCompetitor"),
            "reason for a customer still on the list" => (muller.ToString(System.Globalization.CultureInfo.InvariantCulture), "StoppedBuying"),
            "another rep's customer" => (otherRepsCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture), "StoppedBuying"),
            _ => ("1e3", "StoppedBuying"),
        };
        if (craft is "unknown reason" or "lostToCompetitor")
        {
            // One field per customer: the crafted value replaces the valid one.
            typed.Remove("Drops[1].Customer");
            typed["Drops[0].Reason"] = typed["Drops[1].Reason"];
            typed.Remove("Drops[1].Reason");
        }

        using var refused = await rep.SubmitAsync(page.Form(), typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await EntriesAtAsync(december));
        Assert.Equal(0, await DropsAtAsync(december));
    }
}
