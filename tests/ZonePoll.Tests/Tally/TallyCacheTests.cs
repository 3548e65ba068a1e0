using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Tally;

/// <summary>tally.json comes from a snapshot cached per meeting version: every change the app commits must show at once.</summary>
public class TallyCacheTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static async Task<(JsonElement Tally, string ETag)> GetAsync(HttpClient client, int meetingId)
    {
        using var response = await client.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, response.Headers.ETag!.ToString());
    }

    private static async Task PostFormAsync(HttpClient client, string page, string formSelector, Dictionary<string, string?>? values = null)
    {
        var document = await client.GetDocumentAsync(page);
        var form = document.QuerySelectorAll<IHtmlFormElement>(formSelector).First();
        using var response = await client.SubmitAsync(form, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TallyJsonIsCurrentAfterEachKindOfChangeAndItsETagMovesWithIt()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var manager = factory.CreateClientFor(team.ManagerId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var etags = new List<string>();
        async Task<JsonElement> NowAsync()
        {
            var (tally, etag) = await GetAsync(manager, team.MeetingId);
            Assert.DoesNotContain(etag, etags);
            etags.Add(etag);
            // Asked again with nothing changed: the same version, so the same tag.
            Assert.Equal(etag, (await GetAsync(manager, team.MeetingId)).ETag);
            return tally;
        }

        Assert.Equal(0, (await NowAsync()).GetProperty("customers").GetInt32());

        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", null), ("Beta", "Surprises", "New", null));
        Assert.Equal(2, (await NowAsync()).GetProperty("customers").GetInt32());

        await PostFormAsync(manager, $"/meetings/{team.MeetingId}", "form[action*='handler=Reveal']");
        Assert.True((await NowAsync()).GetProperty("revealed").GetBoolean());

        await PostFormAsync(manager, $"/meetings/{team.MeetingId}", "form[action*='AddPrompt']", new() { ["text"] = "Who gets a thank-you call this week?" });
        Assert.Equal("Who gets a thank-you call this week?", (await NowAsync()).GetProperty("prompts").EnumerateArray().Last().GetProperty("text").GetString());

        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var remove = teamPage.QuerySelectorAll<IHtmlFormElement>("form[action*='Remove']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=userId]")!.Value == team.RepIds[1]);
        using (var removed = await manager.SubmitAsync(remove))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(1, (await NowAsync()).GetProperty("participation").GetProperty("repsTotal").GetInt32());

        var followUp = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.Id).SingleAsync());
        await PostFormAsync(rep, $"/followups/{followUp}", "#followup-form", new() { ["Steps[0].Done"] = "true" });
        Assert.Equal(0, (await NowAsync()).GetProperty("followUps").GetProperty("awaitingFirstResponse").GetInt32());
    }

    [Fact]
    public async Task AFollowUpClosedByASaveAtTheNextMeetingShowsClosedInTheEarlierMeetingsCachedTally()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Surprises", "New", null));
        var next = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var (before, beforeTag) = await GetAsync(manager, team.MeetingId);
        Assert.Equal(1, before.GetProperty("followUps").GetProperty("open").GetInt32());

        await rep.SaveWorksheetAsync(next, ("Acme", "Surprises", "Key", "Called back the same day"), ("Beta", "Surprises", "New", null));

        // Still live at the earlier meeting (opened by its date, closed since it began), now closed.
        var (after, afterTag) = await GetAsync(manager, team.MeetingId);
        Assert.NotEqual(beforeTag, afterTag);
        Assert.Equal(0, after.GetProperty("followUps").GetProperty("open").GetInt32());
        var item = Assert.Single(after.GetProperty("followUps").GetProperty("items").EnumerateArray());
        Assert.Equal(("Acme", "LeftRecovery"), (item.GetProperty("customer").GetString(), item.GetProperty("closure").GetString()));
        // The later meeting's "previous" lists come from the earlier one, unchanged by the follow-up.
        var (later, _) = await GetAsync(manager, next);
        Assert.Equal(1, later.GetProperty("movement").GetProperty("recoveryToSurprises").GetInt32());
    }

    [Fact]
    public async Task AMatchingIfNoneMatchGetsNotModifiedAndAStaleOneTheNewSnapshot()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        var (_, etag) = await GetAsync(manager, team.MeetingId);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/meetings/{team.MeetingId}/tally.json");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var notModified = await manager.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Expectations", "Key", null));
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/meetings/{team.MeetingId}/tally.json");
        stale.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var fresh = await manager.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement.GetProperty("customers").GetInt32());
    }

    [Fact]
    public async Task ARepGetsTeamTotalsOnlyFromTheCacheAndNeverTheManagersTag()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Secret note"));
        await PostFormAsync(manager, $"/meetings/{team.MeetingId}", "form[action*='handler=Reveal']");
        var (managerTally, managerTag) = await GetAsync(manager, team.MeetingId);
        Assert.Single(managerTally.GetProperty("reps").EnumerateArray());

        var (repTally, repTag) = await GetAsync(rep, team.MeetingId);

        Assert.NotEqual(managerTag, repTag);
        Assert.Empty(repTally.GetProperty("reps").EnumerateArray());
        Assert.Empty(repTally.GetProperty("followUps").GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("Secret note", repTally.GetRawText(), StringComparison.Ordinal);
        // A rep replaying the manager's tag still gets the rep's view, never a 304 for the manager's copy.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/meetings/{team.MeetingId}/tally.json");
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(managerTag));
        using var response = await rep.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
