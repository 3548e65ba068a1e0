using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Worksheets;

/// <summary>Crafted posts a rep of any team can send to their own worksheet's Remove and "use the known name".</summary>
public class OversizedAndStrayRowPostTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Url(int meetingId) => $"/meetings/{meetingId}/worksheet";

    private async Task<(HttpClient Client, TeamSetup Team, string Token)> RepWithTokenAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var client = factory.CreateClientFor(team.RepIds[0]);
        var page = await client.GetDocumentAsync(Url(team.MeetingId));
        return (client, team, page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int meetingId, string token, IEnumerable<(string Key, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.PostAsync(Url(meetingId), content);
    }

    private Task<int> EntryCountAsync(int meetingId) =>
        factory.WithDbAsync(db => db.Entries.CountAsync(e => db.Worksheets.Any(w => w.Id == e.WorksheetId && w.MeetingId == meetingId)));

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
        var fields = Enumerable.Range(0, 300).Select(i => ($"Rows[{i}].Name", "Customer number " + i.ToString(CultureInfo.InvariantCulture))).Append((submit, value));

        using var response = await PostAsync(client, team.MeetingId, token, fields);
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

        using var response = await PostAsync(client, team.MeetingId, token, [("Rows[0].Name", "Acme"), ("Rows[0].Zone", "Recovery"), ("Version", "0"), ("Remove", remove)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await EntryCountAsync(team.MeetingId));
    }
}
