using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Worksheets;

public class PinchAndThreeRsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static void Fill(IHtmlDocument page, int row, string name, Zone zone, bool pinch = false, params ThreeRs[] causes)
    {
        page.QuerySelector<IHtmlInputElement>($"#row-{row}-name")!.Value = name;
        page.QuerySelector<IHtmlInputElement>($"#row-{row}-zone-{zone}")!.IsChecked = true;
        page.QuerySelector<IHtmlInputElement>($"#row-{row}-pinch")!.IsChecked = pinch;
        foreach (var cause in causes)
        {
            page.QuerySelector<IHtmlInputElement>($"#row-{row}-cause-{cause}")!.IsChecked = true;
        }
    }

    private static bool Ticked(IHtmlDocument page, string id) => page.QuerySelector<IHtmlInputElement>($"#{id}")!.IsChecked;

    [Fact]
    public async Task APinchAndTheThreeRsAreSavedShownBackAndCountedInTheTally()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Fill(page, 0, "Acme", Zone.Expectations, pinch: true, ThreeRs.Respect);
        Fill(page, 1, "Beta", Zone.Recovery, pinch: false, ThreeRs.Responsiveness, ThreeRs.Reliability);
        Fill(page, 2, "Gamma", Zone.Expectations);

        using (var saved = await rep.SubmitAsync(page.Form()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var again = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Assert.True(Ticked(again, "row-0-pinch"));
        Assert.False(Ticked(again, "row-2-pinch"));
        Assert.Equal([false, true, false], ThreeRStyle.All.Select(r => Ticked(again, $"row-0-cause-{r.Cause}")));
        Assert.Equal([true, false, true], ThreeRStyle.All.Select(r => Ticked(again, $"row-1-cause-{r.Cause}")));

        var tally = JsonDocument.Parse(await factory.CreateClientFor(team.ManagerId).GetStringAsync($"/meetings/{team.MeetingId}/tally.json")).RootElement;
        var expectations = tally.GetProperty("zones")[1];
        Assert.Equal((2, 1), (expectations.GetProperty("count").GetInt32(), expectations.GetProperty("pinched").GetInt32()));
        Assert.Equal(
            [("Responsiveness", 1, 0), ("Respect", 0, 1), ("Reliability", 1, 0)],
            tally.GetProperty("threeRs").EnumerateArray()
                .Select(r => (r.GetProperty("cause").GetString(), r.GetProperty("recovery").GetInt32(), r.GetProperty("expectations").GetInt32())));

        var dashboard = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.Contains("1 feeling a pinch", dashboard.QuerySelector("#pinch-count")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector("#three-rs-table"));
    }

    [Fact]
    public async Task APinchOutsideExpectationsAndTheThreeRsInSurprisesAreDroppedNotRefusedAndTheSavedPageSaysSo()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Fill(page, 0, "Acme", Zone.Expectations, pinch: false, ThreeRs.Respect);
        Fill(page, 1, "Beta", Zone.Recovery, pinch: true);
        Fill(page, 2, "Gamma", Zone.Surprises, pinch: false, ThreeRs.Reliability);

        using var response = await rep.SubmitAsync(page.Form());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Assert.Contains("Service Expectations", saved.QuerySelector("#row-1 .row-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reliability was cleared", saved.QuerySelector("#row-2 .row-note")!.TextContent, StringComparison.Ordinal);
        Assert.False(Ticked(saved, "row-1-pinch"));
        Assert.True(Ticked(saved, "row-0-cause-Respect"));
        Assert.False(Ticked(saved, "row-2-cause-Reliability"));
        var entries = await factory.WithDbAsync(db => db.Entries.Where(e => e.Customer!.TeamId == team.TeamId).OrderBy(e => e.Position).ToListAsync());
        Assert.Equal([(false, ThreeRs.Respect), (false, ThreeRs.None), (false, ThreeRs.None)], entries.Select(e => (e.Pinched, e.Causes)));
    }

    [Fact]
    public async Task AZoneTickedOnARowWithNoNameIsClearedAndTheRowSaysSoAfterTheSaveAndAfterARefusal()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Fill(page, 0, "Acme", Zone.Expectations);
        page.QuerySelector<IHtmlInputElement>("#row-3-zone-Recovery")!.IsChecked = true;

        using (var response = await rep.SubmitAsync(page.Form()))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var saved = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        var cleared = "no customer's name, so its zone and ticks were cleared";
        Assert.Contains(cleared, saved.QuerySelector("#row-3 .row-note")!.TextContent, StringComparison.Ordinal);
        Assert.False(Ticked(saved, "row-3-zone-Recovery"));
        Assert.DoesNotContain(cleared, saved.QuerySelector("#row-0")!.TextContent, StringComparison.Ordinal);
        var names = await factory.WithDbAsync(db =>
            db.Entries.Where(e => e.Customer!.TeamId == team.TeamId).Select(e => e.Customer!.Name).ToListAsync());
        Assert.Equal(["Acme"], names);

        // Refused for another row's sake, the page shows the same: the nameless row cleared, with its note.
        page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        page.QuerySelector<IHtmlInputElement>("#row-5-zone-Surprises")!.IsChecked = true;
        page.QuerySelector<IHtmlInputElement>("#row-6-name")!.Value = "No Zone Yet";
        using var refused = await rep.SubmitAsync(page.Form());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.False(Ticked(shown, "row-5-zone-Surprises"));
        Assert.Contains(cleared, shown.QuerySelector("#row-5 .row-note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedTicksAreShownGoneWhenTheSaveIsRefusedForSomethingElse()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Fill(page, 0, "Beta", Zone.Recovery, pinch: true);
        page.QuerySelector<IHtmlInputElement>("#row-1-name")!.Value = "No Zone Yet";

        using var response = await rep.SubmitAsync(page.Form());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.False(Ticked(shown, "row-0-pinch"));
        Assert.Contains("was cleared", shown.QuerySelector("#row-0 .row-note")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("#row-1 [data-valmsg-for='Rows[1].Zone']"));
    }

    [Fact]
    public async Task ACarriedForwardWorksheetKeepsLastTimesPinchAndThreeRs()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        Fill(page, 0, "Acme", Zone.Expectations, pinch: true, ThreeRs.Reliability);
        using (var saved = await rep.SubmitAsync(page.Form()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var carried = await rep.GetDocumentAsync($"/meetings/{december}/worksheet");

        Assert.NotNull(carried.QuerySelector("#carried-forward"));
        Assert.True(Ticked(carried, "row-0-pinch"));
        Assert.True(Ticked(carried, "row-0-cause-Reliability"));
    }
}
