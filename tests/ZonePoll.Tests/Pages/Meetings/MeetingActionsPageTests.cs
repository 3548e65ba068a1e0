using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>
/// Issue 23, item 5: the actions a meeting agrees, added and ticked on the meeting pages (the manager's dashboard and
/// phone remote, a rep's results page after the reveal), through the checked meeting only.
/// </summary>
public class MeetingActionsPageTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly December = new(2026, 12, 17);

    private static string Due(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Setup(TeamSetup Team, HttpClient Manager, HttpClient Alma, HttpClient Vera, int AlmaCustomer, int VeraCustomer);

    /// <summary>Two reps, each with a customer of their own on the meeting's lists.</summary>
    private async Task<Setup> TeamAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var alma = factory.CreateClientFor(team.RepIds[0]);
        var vera = factory.CreateClientFor(team.RepIds[1]);
        await alma.SaveWorksheetAsync(team.MeetingId, ("Harbor Freight", "Recovery", "Key", "late deliveries"));
        await vera.SaveWorksheetAsync(team.MeetingId, ("Vera Only Ltd", "Expectations", "Standard", null));
        return new Setup(
            team, factory.CreateClientFor(team.ManagerId), alma, vera,
            await factory.CustomerIdAsync(team.TeamId, "harbor freight"), await factory.CustomerIdAsync(team.TeamId, "vera only ltd"));
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string page, Dictionary<string, string?> values)
    {
        var document = await client.GetDocumentAsync(page);
        return await client.SubmitAsync(document.Form("#action-form"), values);
    }

    /// <summary>A post as a crafted client would send it: the page's own antiforgery token, any fields.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string tokenPage, string url, Dictionary<string, string> fields)
    {
        var document = await client.GetDocumentAsync(tokenPage);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    private static async Task PostManagerFormAsync(HttpClient manager, int meetingId, string handler)
    {
        var page = await manager.GetDocumentAsync($"/meetings/{meetingId}");
        using var response = await manager.SubmitAsync(page.Form($"form[action*='handler={handler}']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<JsonElement> ActionsJsonAsync(HttpClient client, int meetingId)
    {
        using var response = await client.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("actions");
    }

    private Task<List<MeetingAction>> StoredAsync(int meetingId) =>
        factory.WithDbAsync(db => db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Id).ToListAsync());

    private static string Selected(IHtmlDocument page, string selectId) =>
        page.QuerySelector<IHtmlSelectElement>($"#{selectId}")!.Options.First(o => o.IsSelected).Value;

    [Fact]
    public async Task AManagerAddsAnActionOnTheDashboardAndTallyJsonListsItWithTheCustomerOnlyForManagers()
    {
        var s = await TeamAsync();
        var meeting = $"/meetings/{s.Team.MeetingId}";

        using var response = await AddAsync(s.Manager, meeting, new()
        {
            ["actionText"] = "Call Harbor about the delivery delay",
            ["actionOwner"] = s.Team.RepIds[0],
            ["actionDue"] = Due(7),
            ["actionCustomer"] = s.AlmaCustomer.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"{meeting}#actions", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var dashboard = await s.Manager.GetDocumentAsync(meeting);
        Assert.Contains("Action added.", dashboard.Body!.TextContent, StringComparison.Ordinal);
        var listed = dashboard.QuerySelector("#meeting-actions")!.TextContent;
        Assert.Contains("Call Harbor about the delivery delay", listed, StringComparison.Ordinal);
        Assert.Contains("Rep 1", listed, StringComparison.Ordinal);
        Assert.Contains("Harbor Freight", listed, StringComparison.Ordinal);

        var managers = (await ActionsJsonAsync(s.Manager, s.Team.MeetingId)).GetProperty("items");
        var item = Assert.Single(managers.EnumerateArray());
        Assert.Equal("Call Harbor about the delivery delay", item.GetProperty("text").GetString());
        Assert.Equal("Harbor Freight", item.GetProperty("customer").GetString());
        var reps = (await ActionsJsonAsync(s.Vera, s.Team.MeetingId)).GetProperty("items");
        var repItem = Assert.Single(reps.EnumerateArray());
        Assert.Equal("Call Harbor about the delivery delay", repItem.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, repItem.GetProperty("customer").ValueKind);
    }

    [Fact]
    public async Task ARefusedActionKeepsEveryValueTypedAndSaysWhyBesideTheField()
    {
        var s = await TeamAsync();
        var meeting = $"/meetings/{s.Team.MeetingId}";
        var prompt = await factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == s.Team.MeetingId).Select(p => p.Id).FirstAsync());
        var due = Due(9);

        using var emptyText = await AddAsync(s.Manager, meeting, new()
        {
            ["actionText"] = "   ",
            ["actionOwner"] = s.Team.RepIds[1],
            ["actionDue"] = due,
            ["actionCustomer"] = s.VeraCustomer.ToString(CultureInfo.InvariantCulture),
            ["actionPrompt"] = prompt.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, emptyText.StatusCode);
        var page = await HtmlForms.ParseAsync(emptyText);
        Assert.Contains("Say what was agreed", page.QuerySelector("#action-text-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("action-text-error", page.QuerySelector("#action-text")!.GetAttribute("aria-describedby"));
        Assert.Equal(s.Team.RepIds[1], Selected(page, "action-owner"));
        Assert.Equal(due, page.QuerySelector("#action-due")!.GetAttribute("value"));
        Assert.Equal(s.VeraCustomer.ToString(CultureInfo.InvariantCulture), Selected(page, "action-customer"));
        Assert.Equal(prompt.ToString(CultureInfo.InvariantCulture), Selected(page, "action-prompt"));

        using var badDue = await AddAsync(s.Manager, meeting, new() { ["actionText"] = "Send the new price list", ["actionDue"] = "next Tuesday" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDue.StatusCode);
        page = await HtmlForms.ParseAsync(badDue);
        Assert.Contains("Give a due date", page.QuerySelector("#action-due-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("next Tuesday", page.QuerySelector("#action-due")!.GetAttribute("value"));
        Assert.Equal("Send the new price list", page.QuerySelector("#action-text")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#action-text-error"));

        using var tooLong = await AddAsync(s.Manager, meeting, new() { ["actionText"] = new string('x', MeetingAction.TextMaxLength + 1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        page = await HtmlForms.ParseAsync(tooLong);
        Assert.Contains("300 characters", page.QuerySelector("#action-text-error")!.TextContent, StringComparison.Ordinal);

        Assert.Empty(await StoredAsync(s.Team.MeetingId));
    }

    [Fact]
    public async Task ARepIsRefusedBeforeTheRevealAndAfterItAddsWithTheirOwnCustomerButNotAnotherRepsCustomer()
    {
        var s = await TeamAsync();
        var results = $"/meetings/{s.Team.MeetingId}/results";

        var before = await s.Alma.GetDocumentAsync(results);
        Assert.NotNull(before.QuerySelector("#actions-not-yet"));
        Assert.Null(before.QuerySelector("#action-form"));
        using (var crafted = await PostAsync(s.Alma, results, $"{results}?handler=AddAction", new()
        {
            ["actionText"] = "Sneak one in early",
            ["actionOwner"] = s.Team.RepIds[0],
            ["actionDue"] = Due(7),
        }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, crafted.StatusCode);
            var refused = await HtmlForms.ParseAsync(crafted);
            Assert.Equal(MeetingActions.NotRevealedProblem, refused.QuerySelector("#action-problem")!.TextContent.Trim());
        }

        Assert.Empty(await StoredAsync(s.Team.MeetingId));

        await PostManagerFormAsync(s.Manager, s.Team.MeetingId, "Reveal");
        var after = await s.Alma.GetDocumentAsync(results);
        var customers = after.QuerySelector<IHtmlSelectElement>("#action-customer")!.Options.Select(o => o.Text).ToList();
        Assert.Equal(["None", "Harbor Freight"], customers);
        Assert.Equal(s.Team.RepIds[0], Selected(after, "action-owner"));
        // The reps' page names no other rep: a rep owns the action or hands it to a manager.
        Assert.Equal(["Maria Manager", "Rep 1"], after.QuerySelector<IHtmlSelectElement>("#action-owner")!.Options.Select(o => o.Text).ToList());
        using (var otherRepOwns = await AddAsync(s.Alma, results, new() { ["actionText"] = "Vera calls Harbor", ["actionOwner"] = s.Team.RepIds[1] }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, otherRepOwns.StatusCode);
            Assert.NotNull((await HtmlForms.ParseAsync(otherRepOwns)).QuerySelector("#action-owner-error"));
        }


        using (var otherRepsCustomer = await AddAsync(s.Alma, results, new()
        {
            ["actionText"] = "Ask about Vera's account",
            ["actionCustomer"] = s.VeraCustomer.ToString(CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, otherRepsCustomer.StatusCode);
            var page = await HtmlForms.ParseAsync(otherRepsCustomer);
            Assert.NotNull(page.QuerySelector("#action-customer-error"));
            Assert.Equal("Ask about Vera's account", page.QuerySelector("#action-text")!.GetAttribute("value"));
        }

        Assert.Empty(await StoredAsync(s.Team.MeetingId));

        using (var own = await AddAsync(s.Alma, results, new()
        {
            ["actionText"] = "Visit Harbor with the new schedule",
            ["actionCustomer"] = s.AlmaCustomer.ToString(CultureInfo.InvariantCulture),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
            Assert.EndsWith($"{results}#actions", own.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var stored = Assert.Single(await StoredAsync(s.Team.MeetingId));
        Assert.Equal((s.Team.RepIds[0], s.AlmaCustomer), (stored.OwnerId, stored.CustomerId));
        Assert.Equal(s.Team.RepIds[0], stored.CreatedById);
        // The rep's own action names its customer for them; another rep sees the action without it.
        Assert.Contains("Harbor Freight", (await s.Alma.GetDocumentAsync(results)).QuerySelector("#meeting-actions")!.TextContent, StringComparison.Ordinal);
        var veras = (await s.Vera.GetDocumentAsync(results)).QuerySelector("#meeting-actions")!.TextContent;
        Assert.Contains("Visit Harbor with the new schedule", veras, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor Freight", veras, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockedMeetingShowsNoFormAndRefusesAnActionPostedAnyway()
    {
        var s = await TeamAsync();
        var meeting = $"/meetings/{s.Team.MeetingId}";
        await PostManagerFormAsync(s.Manager, s.Team.MeetingId, "Reveal");
        var open = await s.Manager.GetDocumentAsync(meeting);
        using (var lockIt = await s.Manager.SubmitAsync(open.Form("form[action*='handler=Status']"), new Dictionary<string, string?> { ["status"] = "Locked" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, lockIt.StatusCode);
        }

        var dashboard = await s.Manager.GetDocumentAsync(meeting);
        Assert.Null(dashboard.QuerySelector("#action-form"));
        Assert.NotNull(dashboard.QuerySelector("#actions-locked"));
        var fields = new Dictionary<string, string> { ["actionText"] = "Too late", ["actionOwner"] = s.Team.ManagerId, ["actionDue"] = Due(7) };
        foreach (var (client, url) in new[]
        {
            (s.Manager, $"{meeting}?handler=AddAction"), (s.Manager, $"{meeting}/remote?handler=AddAction"), (s.Alma, $"{meeting}/results?handler=AddAction"),
        })
        {
            using var response = await PostAsync(client, $"{meeting}/results", url, fields);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(MeetingActions.LockedProblem, (await HtmlForms.ParseAsync(response)).QuerySelector("#action-problem")!.TextContent.Trim());
        }

        Assert.Empty(await StoredAsync(s.Team.MeetingId));
    }

    [Fact]
    public async Task AManagerOfAnotherTeamCannotNameThisTeamsMembersCustomersPromptsOrActionsFromTheirOwnMeeting()
    {
        var victim = await TeamAsync();
        var attacker = await factory.CreateTeamAsync(reps: 1, teamName: "Attackers Inc");
        var attackerManager = factory.CreateClientFor(attacker.ManagerId);
        await factory.CreateClientFor(attacker.RepIds[0]).SaveWorksheetAsync(attacker.MeetingId, ("Own Customer", "Recovery", "Standard", null));
        var victimPrompt = await factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == victim.Team.MeetingId).Select(p => p.Id).FirstAsync());
        var victimAction = await factory.WithDbAsync(async db =>
        {
            var action = new MeetingAction
            {
                TeamId = victim.Team.TeamId,
                MeetingId = victim.Team.MeetingId,
                Text = "Victim's own action",
                OwnerId = victim.Team.RepIds[0],
                DueOn = December,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.MeetingActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });
        var own = $"/meetings/{attacker.MeetingId}";
        var good = new Dictionary<string, string>
        {
            ["actionText"] = "Crafted action",
            ["actionOwner"] = attacker.ManagerId,
            ["actionDue"] = Due(7),
        };

        foreach (var (field, value, error) in new[]
        {
            ("actionOwner", victim.Team.RepIds[0], "#action-owner-error"),
            ("actionCustomer", victim.AlmaCustomer.ToString(CultureInfo.InvariantCulture), "#action-customer-error"),
            ("actionPrompt", victimPrompt.ToString(CultureInfo.InvariantCulture), "#action-prompt-error"),
        })
        {
            foreach (var url in new[] { $"{own}?handler=AddAction", $"{own}/remote?handler=AddAction" })
            {
                using var response = await PostAsync(attackerManager, own, url, new(good) { [field] = value });
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector(error));
            }
        }

        // A manager's preview of the reps' page adds nothing, whatever is posted.
        using (var preview = await PostAsync(attackerManager, own, $"{own}/results?handler=AddAction", new(good)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.StatusCode);
        }

        foreach (var url in new[] { $"{own}?handler=ActionDone", $"{own}/results?handler=ActionDone" })
        {
            using var done = await PostAsync(attackerManager, own, url, new()
            {
                ["actionId"] = victimAction.ToString(CultureInfo.InvariantCulture),
                ["done"] = "true",
            });
            Assert.Equal(HttpStatusCode.NotFound, done.StatusCode);
        }

        Assert.Empty(await StoredAsync(attacker.MeetingId));
        var victims = Assert.Single(await StoredAsync(victim.Team.MeetingId));
        Assert.Null(victims.DoneOn);
    }

    [Fact]
    public async Task AnOwnerTicksTheirOwnActionDoneOnTheResultsPageButNotAnotherReps()
    {
        var s = await TeamAsync();
        var results = $"/meetings/{s.Team.MeetingId}/results";
        await PostManagerFormAsync(s.Manager, s.Team.MeetingId, "Reveal");
        foreach (var (owner, text) in new[] { (s.Team.RepIds[0], "Alma's action"), (s.Team.RepIds[1], "Vera's action") })
        {
            using var added = await AddAsync(s.Manager, $"/meetings/{s.Team.MeetingId}", new() { ["actionText"] = text, ["actionOwner"] = owner });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var stored = await StoredAsync(s.Team.MeetingId);
        var page = await s.Alma.GetDocumentAsync(results);
        // Only her own action has a button for her.
        var ticks = page.QuerySelectorAll<IHtmlFormElement>("#meeting-actions form[action*='handler=ActionDone']").ToList();
        var tick = Assert.Single(ticks);
        Assert.Equal(stored[0].Id.ToString(CultureInfo.InvariantCulture), tick.QuerySelector<IHtmlInputElement>("input[name=actionId]")!.Value);

        using (var done = await s.Alma.SubmitAsync(tick))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var veras = new Dictionary<string, string?> { ["actionId"] = stored[1].Id.ToString(CultureInfo.InvariantCulture) };
        using (var notHers = await s.Alma.SubmitAsync(tick, veras))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notHers.StatusCode);
        }

        stored = await StoredAsync(s.Team.MeetingId);
        Assert.NotNull(stored[0].DoneOn);
        Assert.Null(stored[1].DoneOn);
        var after = await s.Alma.GetDocumentAsync(results);
        Assert.Contains("Action marked done.", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reopen", after.QuerySelector($"#action-{stored[0].Id}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNextMeetingsDashboardSaysHowManyOfLastTimesActionsAreDoneAndListsTheOpenOnes()
    {
        var s = await TeamAsync();
        var first = $"/meetings/{s.Team.MeetingId}";
        foreach (var text in new[] { "Send Harbor the schedule", "Book the quarterly review" })
        {
            using var added = await AddAsync(s.Manager, first, new() { ["actionText"] = text });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var dashboard = await s.Manager.GetDocumentAsync(first);
        var tick = dashboard.QuerySelectorAll<IHtmlFormElement>("#meeting-actions form[action*='handler=ActionDone']").First();
        using (var done = await s.Manager.SubmitAsync(tick))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var next = await factory.CreateMeetingAsync(s.Team.TeamId, December);
        var page = await s.Manager.GetDocumentAsync($"/meetings/{next}");

        Assert.Equal("Last time's actions: 1 of 2 done", page.QuerySelector("#last-time-line")!.TextContent.Trim());
        var open = page.QuerySelector("#last-time-open")!.TextContent;
        Assert.Contains("Book the quarterly review", open, StringComparison.Ordinal);
        Assert.DoesNotContain("Send Harbor the schedule", open, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#no-actions"));
    }

    [Fact]
    public async Task TheManagerAddsAnActionFromThePhoneRemoteAndStaysOnIt()
    {
        var s = await TeamAsync();
        var remote = $"/meetings/{s.Team.MeetingId}/remote";

        using var response = await AddAsync(s.Manager, remote, new() { ["actionText"] = "Thank Harbor's buyer" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"{remote}#actions", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var stored = Assert.Single(await StoredAsync(s.Team.MeetingId));
        Assert.Equal(s.Team.ManagerId, stored.OwnerId);
        Assert.Contains("1 agreed", (await s.Manager.GetDocumentAsync(remote)).QuerySelector("#actions")!.TextContent, StringComparison.Ordinal);
    }
}
