using System.Net;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Meetings;

public class EntriesCsvTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public void FileNamesAreBuiltFromTeamAndDate() =>
        Assert.Equal(
            "zonepoll-sales-north-z-rich-2026-11-26-entries.csv", ExportFileName.For("Sales North / Zürich!", new DateOnly(2026, 11, 26), "entries.csv"));

    [Fact]
    public async Task ARepIsForbiddenTheCsv()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var csv = await factory.CreateClientFor(team.RepIds[0]).GetAsync($"/meetings/{team.MeetingId}/entries.csv");

        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    [Fact]
    public async Task TheCsvRoundTripsUnicodeCommasQuotesAndNewlinesAndDefusesFormulas()
    {
        var team = await factory.CreateTeamAsync(reps: 2, teamName: "Sales North");
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Zoë, \"the\" Bakery", "Surprises", "New", "line one\nline two, with comma"),
            ("日本商事", "Expectations", "Key", "=HYPERLINK(\"http://evil\")"),
            ("-Minus Co", "Recovery", "Growth", "@mention"));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("+Plus Ltd", "Expectations", "Standard", null));

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/entries.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("zonepoll-sales-north-2026-11-26-entries.csv", disposition?.FileNameStar ?? disposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvRows.Parse(bytes[3..]);

        Assert.Equal(["Meeting", "Date", "Rep", "Customer", "Zone", "Account type", "Note", "Feeling a pinch", "Three R's", "Last saved (UTC)"], rows[0]);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(10, r.Count));
        var zoe = rows.Single(r => r[3] == "Zoë, \"the\" Bakery");
        Assert.Equal(["November meeting", "2026-11-26", "Rep 1"], zoe[..3]);
        Assert.Equal(("Service Surprises", "New", "line one\nline two, with comma"), (zoe[4], zoe[5], zoe[6]));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows.Single(r => r[3] == "日本商事")[6]);
        Assert.Equal(("'-Minus Co", "'@mention"), (rows[3][3], rows[3][6]));
        Assert.Equal("'+Plus Ltd", rows[4][3]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", rows[1][9]);
    }
}
