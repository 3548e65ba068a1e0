using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>Each prompt shows the data it asks about: on the dashboard's list, in tally.json for the projector, in the handout.</summary>
public class PromptDataTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static IHtmlFormElement PromptForm(IHtmlDocument page, int index) =>
        page.QuerySelectorAll<IHtmlFormElement>("#prompts ol form").ElementAt(index);

    private static async Task<JsonElement> TallyAsync(HttpClient client, int meetingId)
    {
        using var response = await client.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<List<PromptData>> ShowsAsync(int meetingId) =>
        factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == meetingId).OrderBy(p => p.Position).Select(p => p.Show).ToListAsync());

    /// <summary>A revealed meeting with a key account in Recovery, one in Expectations and pinched, a growth one delighted.</summary>
    private async Task<TeamSetup> RevealedTeamAsync(bool names)
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true).SetProperty(m => m.ShowCustomerNames, names)));
        await factory.TalliesChangedAsync(team.TeamId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId,
            ("Harbor Freight", "Recovery", "Key", "Late delivery"),
            ("Beacon Labs", "Expectations", "Key", null),
            ("Cobalt Ltd", "Surprises", "Growth", null),
            ("Dune Co", "Expectations", "Standard", null));
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        using (var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[1].Pinch"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        return team;
    }

    private static JsonElement ViewOf(JsonElement tally, string show) =>
        tally.GetProperty("promptViews").EnumerateArray().First(v => v.ValueKind != JsonValueKind.Null && v.GetProperty("show").GetString() == show);

    private static List<string?> Lines(JsonElement view) => [.. view.GetProperty("lines").EnumerateArray().Select(l => l.GetString())];

    [Fact]
    public async Task ANewMeetingsSeededPromptsComeWithTheDataTheyAskAbout()
    {
        var team = await factory.CreateTeamAsync(reps: 0);

        Assert.Equal(DefaultPrompts.All.Select(p => p.Show), await ShowsAsync(team.MeetingId));
        var tally = await TallyAsync(factory.CreateClientFor(team.ManagerId), team.MeetingId);
        Assert.Equal(
            ["KeyAccounts", "Recovery", "Tally", "KeyAccounts", "Pinched", "ThreeRs"],
            tally.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("show").GetString()));
    }

    [Fact]
    public async Task AManagerChangesWhatAPromptShowsAndTheProjectorsTallyCarriesIt()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.Equal("Tally", page.QuerySelector<IHtmlSelectElement>("#prompts ol li:nth-child(3) select[name=promptData]")!.Value);

        using (var saved = await manager.SubmitAsync(PromptForm(page, 2), new Dictionary<string, string?> { ["promptData"] = "Lost" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        using (var added = await manager.SubmitAsync(
            page.Form("form[action*='AddPrompt']"), new Dictionary<string, string?> { ["text"] = "Who moved, and why?", ["promptData"] = "Movers" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var shows = await ShowsAsync(team.MeetingId);
        Assert.Equal(PromptData.Lost, shows[2]);
        Assert.Equal(PromptData.Movers, shows[^1]);
        var tally = await TallyAsync(manager, team.MeetingId);
        Assert.Equal("Lost", tally.GetProperty("prompts")[2].GetProperty("show").GetString());
        // The first meeting has nothing to compare with, and says so rather than showing an empty list.
        Assert.Contains("First meeting", tally.GetProperty("promptViews")[2].GetProperty("note").GetString(), StringComparison.Ordinal);
        page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        Assert.Equal("Lost", page.QuerySelector<IHtmlSelectElement>("#prompts ol li:nth-child(3) select[name=promptData]")!.Value);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("Banana")]
    [InlineData("-1")]
    public async Task AShowValueNotOnTheListIsRefusedBesideTheListWithTheWordingKept(string crafted)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var before = await ShowsAsync(team.MeetingId);

        using var response = await manager.SubmitAsync(
            PromptForm(page, 1), new Dictionary<string, string?> { ["text"] = "Reworded, not yet saved", ["promptData"] = crafted });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var form = shown.QuerySelectorAll<IHtmlFormElement>("#prompts ol form").ElementAt(1);
        Assert.Equal("Reworded, not yet saved", form.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        var select = form.QuerySelector<IHtmlSelectElement>("select[name=promptData]")!;
        Assert.Contains("is-invalid", select.ClassName, StringComparison.Ordinal);
        Assert.Contains("from the list", shown.GetElementById(select.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await ShowsAsync(team.MeetingId));
        Assert.Equal(DefaultPrompts.Texts[1], await factory.WithDbAsync(db =>
            db.MeetingPrompts.Where(p => p.MeetingId == team.MeetingId && p.Position == 1).Select(p => p.Text).SingleAsync()));
    }

    [Fact]
    public async Task WithNamesOnTheProjectorListsEachPromptsCustomersAndWithNamesOffOnlyTheirCounts()
    {
        var named = await RevealedTeamAsync(names: true);
        var tally = await TallyAsync(factory.CreateClientFor(named.ManagerId), named.MeetingId);

        var key = ViewOf(tally, "KeyAccounts");
        Assert.Equal("Key, growth and new accounts not yet in Service Surprises (2)", key.GetProperty("heading").GetString());
        Assert.Equal(["Harbor Freight (Key, Service Recovery)", "Beacon Labs (Key, Service Expectations)"], Lines(key));
        Assert.Equal(["Beacon Labs (Key)"], Lines(ViewOf(tally, "Pinched")));
        Assert.StartsWith("Harbor Freight (Key): Clarify", Lines(ViewOf(tally, "Recovery")).Single(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, tally.GetProperty("promptViews")[2].ValueKind);

        var unnamed = await RevealedTeamAsync(names: false);
        tally = await TallyAsync(factory.CreateClientFor(unnamed.ManagerId), unnamed.MeetingId);
        key = ViewOf(tally, "KeyAccounts");
        Assert.Empty(Lines(key));
        Assert.Equal(2, key.GetProperty("more").GetInt32());
        Assert.Contains("names are off", key.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Beacon", tally.GetProperty("promptViews").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepsTallyNamesNoKeyOrPinchedAccountEvenWithNamesOn()
    {
        var team = await RevealedTeamAsync(names: true);

        var json = (await TallyAsync(factory.CreateClientFor(team.RepIds[1]), team.MeetingId)).GetRawText();

        Assert.DoesNotContain("Beacon", json, StringComparison.Ordinal);
        Assert.Contains("Key, growth and new accounts not yet in Service Surprises (2)", json, StringComparison.Ordinal);
        Assert.Contains("manager has the names", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHandoutPrintsEachPromptWithItsData()
    {
        var team = await RevealedTeamAsync(names: false);

        using var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{team.MeetingId}/handout.pdf");
        var pdf = new PdfText(await response.Content.ReadAsByteArrayAsync());

        // The manager's copy names the customers whatever the projector shows.
        Assert.True(pdf.Contains(
            "Key, growth and new accounts not yet in Service Surprises (2): Harbor Freight (Key, Service Recovery); Beacon Labs (Key, Service Expectations)."),
            pdf.All);
        Assert.True(pdf.Contains("In Service Recovery (1): listed above, each with its follow-up."), pdf.All);
        Assert.True(pdf.Contains("Feeling a pinch (1): listed above, each with its follow-up."), pdf.All);
        Assert.True(pdf.Contains("Responsiveness (answered late, or not at all): 0 in Recovery, 0 in Expectations;"), pdf.All);
    }
}
