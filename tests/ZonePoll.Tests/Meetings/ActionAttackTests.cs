using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Tests.Pages.Teams;

namespace ZonePoll.Tests.Meetings;

/// <summary>
/// Issue 23 item 5 under attack: someone with a team of their own (its manager, and a rep on it) crafts the action
/// posts of the meeting pages and the team's actions page. Every one gets a clear refusal, never a 500, and nothing of
/// the other team changes.
/// </summary>
public sealed class ActionAttackTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Due(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Side(TeamSetup Team, HttpClient Manager, HttpClient Rep, int Customer, int Prompt, int Action);

    /// <summary>A team whose rep lists a customer of their own, with the results revealed and one action agreed.</summary>
    private async Task<Side> SideAsync(string name, string customer)
    {
        var team = await factory.CreateTeamAsync(reps: 2, teamName: name);
        var manager = factory.CreateClientFor(team.ManagerId);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, (customer, "Recovery", "Key", null));
        var customerId = await factory.CustomerIdAsync(team.TeamId, customer.ToLowerInvariant());
        var dashboard = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        using (var reveal = await manager.SubmitAsync(dashboard.Form("form[action*='handler=Reveal']")))
        {
            Assert.Equal(HttpStatusCode.Redirect, reveal.StatusCode);
        }

        var prompt = await factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == team.MeetingId).Select(p => p.Id).FirstAsync());
        var action = await SeededActions.AddAsync(
            factory, team.MeetingId, $"{name} calls {customer}", team.RepIds[1], SeededActions.Today.AddDays(3), customerId);
        return new Side(team, manager, rep, customerId, prompt, action);
    }

    /// <summary>A post as a crafted client sends it: a token from the caller's own page, then any fields to any URL.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = (await client.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    private Task<List<(int Id, string Text, DateOnly? DoneOn)>> ActionsOfAsync(int teamId) =>
        factory.WithDbAsync(async db => (await db.MeetingActions.AsNoTracking().Where(a => a.TeamId == teamId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Text, a.DoneOn }).ToListAsync()).Select(a => (a.Id, a.Text, a.DoneOn)).ToList());

    private static Dictionary<string, string> Good(string ownerId) => new()
    {
        ["actionText"] = "Crafted action",
        ["actionOwner"] = ownerId,
        ["actionDue"] = Due(7),
    };

    [Fact]
    public async Task AnotherTeamsMeetingOrTeamInTheUrlIsNotFoundForItsManagerAndItsRepAndChangesNothing()
    {
        var victim = await SideAsync("Victims", "Harbor");
        var attacker = await SideAsync("Attackers", "Own Ltd");
        var before = await ActionsOfAsync(victim.Team.TeamId);
        var meeting = $"/meetings/{Id(victim.Team.MeetingId)}";
        var add = new Dictionary<string, string>(Good(victim.Team.RepIds[0])) { ["actionCustomer"] = Id(victim.Customer) };
        var tick = new Dictionary<string, string> { ["actionId"] = Id(victim.Action), ["done"] = "true", ["returnUrl"] = "/" };

        foreach (var client in new[] { attacker.Manager, attacker.Rep })
        {
            foreach (var (url, fields) in new[]
            {
                ($"{meeting}?handler=AddAction", add), ($"{meeting}/remote?handler=AddAction", add), ($"{meeting}/results?handler=AddAction", add),
                ($"{meeting}?handler=ActionDone", tick), ($"{meeting}/results?handler=ActionDone", tick),
                ($"/teams/{Id(victim.Team.TeamId)}/actions?handler=Done", tick),
            })
            {
                using var response = await PostAsync(client, url, fields);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await ActionsOfAsync(victim.Team.TeamId));
        Assert.Single(await ActionsOfAsync(attacker.Team.TeamId));
    }

    public static TheoryData<string, string, string> CraftedFields() => new()
    {
        { "actionOwner", "victim-rep", "#action-owner-error" },
        { "actionOwner", "victim-manager", "#action-owner-error" },
        { "actionOwner", new string('u', 10_000), "#action-owner-error" },
        { "actionOwner", "\u0000", "#action-owner-error" },
        { "actionCustomer", "victim-customer", "#action-customer-error" },
        { "actionCustomer", "-1", "#action-customer-error" },
        { "actionCustomer", "99999999999", "#action-customer-error" },
        { "actionCustomer", "1e3", "#action-customer-error" },
        { "actionPrompt", "victim-prompt", "#action-prompt-error" },
        { "actionPrompt", "0", "#action-prompt-error" },
        { "actionPrompt", "99999999999", "#action-prompt-error" },
        { "actionPrompt", "\uD800", "#action-prompt-error" },
        { "actionDue", "0001-01-01", "#action-due-error" },
        { "actionDue", "9999-12-31", "#action-due-error" },
        { "actionDue", "2026-02-30", "#action-due-error" },
        { "actionDue", "-1", "#action-due-error" },
        { "actionText", new string('x', 10_000), "#action-text-error" },
        { "actionText", "Tab\tand\u0007bell", "#action-text-error" },
        { "actionText", "\uD800", "#action-text-error" },
        { "actionText", "Call Harbor \u202Eetad eud eht", "#action-text-error" },
        { "actionText", "Call \u2066Harbor\u2069 today", "#action-text-error" },
    };

    [Theory]
    [MemberData(nameof(CraftedFields))]
    public async Task ACraftedFieldOnTheAttackersOwnMeetingIsRefusedBesideItsFieldOnEveryPageThatAdds(string field, string value, string error)
    {
        var victim = await SideAsync("Victims", "Harbor");
        var attacker = await SideAsync("Attackers", "Own Ltd");
        var posted = value switch
        {
            "victim-rep" => victim.Team.RepIds[0],
            "victim-manager" => victim.Team.ManagerId,
            "victim-customer" => Id(victim.Customer),
            "victim-prompt" => Id(victim.Prompt),
            _ => value,
        };
        var own = $"/meetings/{Id(attacker.Team.MeetingId)}";

        foreach (var (client, url, owner) in new[]
        {
            (attacker.Manager, $"{own}?handler=AddAction", attacker.Team.ManagerId),
            (attacker.Manager, $"{own}/remote?handler=AddAction", attacker.Team.ManagerId),
            (attacker.Rep, $"{own}/results?handler=AddAction", attacker.Team.RepIds[0]),
        })
        {
            using var response = await PostAsync(client, url, new Dictionary<string, string>(Good(owner)) { [field] = posted });

            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"POST {url}: {(int)response.StatusCode}");
            var page = await HtmlForms.ParseAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(error)?.TextContent), $"POST {url}: no {error}");
            if (field == "actionText")
            {
                // What was typed comes back to be corrected.
                Assert.Equal(posted, page.QuerySelector<IHtmlInputElement>("#action-text")!.Value);
            }
        }

        Assert.Single(await ActionsOfAsync(attacker.Team.TeamId));
        Assert.Single(await ActionsOfAsync(victim.Team.TeamId));
    }

    [Fact]
    public async Task AnActionReversedByABidiOverrideIsRefusedWithTheReasonAndTheTextKeptNotStoredForTheProjector()
    {
        var side = await SideAsync("Sales North", "Harbor");
        var reversed = "Pay Harbor \u202E05$ kcab\u202C today";
        var dashboard = await side.Manager.GetDocumentAsync($"/meetings/{Id(side.Team.MeetingId)}");

        using var response = await side.Manager.SubmitAsync(dashboard.Form("#action-form"), new Dictionary<string, string?> { ["actionText"] = reversed });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("changes the direction of the text", page.QuerySelector("#action-text-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(reversed, page.QuerySelector<IHtmlInputElement>("#action-text")!.Value);
        Assert.DoesNotContain(await ActionsOfAsync(side.Team.TeamId), a => a.Text.Contains('\u202E', StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemberRemovedFromTheTeamCanNoLongerBeGivenAnActionNorTickTheirOldOne()
    {
        var side = await SideAsync("Sales North", "Harbor");
        var removed = side.Team.RepIds[1];
        var teamPage = await side.Manager.GetDocumentAsync($"/teams/{Id(side.Team.TeamId)}");
        var removeForm = teamPage.QuerySelectorAll<IHtmlFormElement>("form[action*='Remove']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=userId]")!.Value == removed);
        using (var removal = await side.Manager.SubmitAsync(removeForm))
        {
            Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        }

        var dashboard = await side.Manager.GetDocumentAsync($"/meetings/{Id(side.Team.MeetingId)}");
        Assert.DoesNotContain(
            dashboard.QuerySelector<IHtmlSelectElement>("#action-owner")!.Options, o => o.Value == removed);
        // A dashboard loaded before the removal still offers them: its post is refused beside the owner.
        using var stale = await side.Manager.SubmitAsync(dashboard.Form("#action-form"), new Dictionary<string, string?> { ["actionOwner"] = removed });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(stale)).QuerySelector("#action-owner-error"));

        using var tick = await PostAsync(
            factory.CreateClientFor(removed), $"/teams/{Id(side.Team.TeamId)}/actions?handler=Done", new Dictionary<string, string>
            {
                ["actionId"] = Id(side.Action),
                ["done"] = "true",
            });
        Assert.Equal(HttpStatusCode.NotFound, tick.StatusCode);
        var actions = await ActionsOfAsync(side.Team.TeamId);
        Assert.Null(Assert.Single(actions).DoneOn);
        // Their old action stays on the team's page, for a manager to hand on or tick.
        var teamActions = await side.Manager.GetDocumentAsync($"/teams/{Id(side.Team.TeamId)}/actions");
        Assert.Contains("Sales North calls Harbor", teamActions.QuerySelector("#open-actions")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http:/evil.example/")]
    public async Task AReturnUrlToAnotherSiteIsIgnoredAndTheTickGoesBackToTheTeamsActions(string returnUrl)
    {
        var side = await SideAsync("Sales North", "Harbor");
        var owner = factory.CreateClientFor(side.Team.RepIds[1]);

        using var response = await PostAsync(owner, $"/teams/{Id(side.Team.TeamId)}/actions?handler=Done", new Dictionary<string, string>
        {
            ["actionId"] = Id(side.Action),
            ["done"] = "true",
            ["returnUrl"] = returnUrl,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/teams/{Id(side.Team.TeamId)}/actions", response.Headers.Location!.OriginalString);
        Assert.NotNull(Assert.Single(await ActionsOfAsync(side.Team.TeamId)).DoneOn);
    }

    [Fact]
    public async Task ARepCannotTickAnotherRepsActionFromAnyPageOfTheirOwnTeam()
    {
        var side = await SideAsync("Sales North", "Harbor");
        var tick = new Dictionary<string, string> { ["actionId"] = Id(side.Action), ["done"] = "true", ["returnUrl"] = "/" };
        var meeting = $"/meetings/{Id(side.Team.MeetingId)}";

        foreach (var (url, status) in new[]
        {
            ($"{meeting}?handler=ActionDone", HttpStatusCode.Forbidden),
            ($"{meeting}/results?handler=ActionDone", HttpStatusCode.Forbidden),
            ($"/teams/{Id(side.Team.TeamId)}/actions?handler=Done", HttpStatusCode.Forbidden),
        })
        {
            using var response = await PostAsync(side.Rep, url, tick);
            Assert.True(response.StatusCode == status, $"POST {url}: {(int)response.StatusCode}");
        }

        Assert.Null(Assert.Single(await ActionsOfAsync(side.Team.TeamId)).DoneOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    [InlineData(" 1")]
    [InlineData("x")]
    public async Task AnActionIdThatIsNoActionOfTheTeamIsNotFoundOnEveryPageThatTicks(string actionId)
    {
        var side = await SideAsync("Sales North", "Harbor");
        var meeting = $"/meetings/{Id(side.Team.MeetingId)}";
        var tick = new Dictionary<string, string> { ["actionId"] = actionId, ["done"] = "true", ["returnUrl"] = "/" };

        foreach (var url in new[]
        {
            $"{meeting}?handler=ActionDone", $"{meeting}/results?handler=ActionDone", $"/teams/{Id(side.Team.TeamId)}/actions?handler=Done",
        })
        {
            using var response = await PostAsync(side.Manager, url, tick);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"POST {url}: {(int)response.StatusCode}");
        }

        Assert.Null(Assert.Single(await ActionsOfAsync(side.Team.TeamId)).DoneOn);
    }

    [Theory]
    [InlineData("remote")]
    [InlineData("results")]
    public async Task AHandlerAPageDoesNotHaveIsNeverA500(string page)
    {
        var side = await SideAsync("Sales North", "Harbor");

        using var response = await PostAsync(side.Manager, $"/meetings/{Id(side.Team.MeetingId)}/{page}?handler=ActionDone", new Dictionary<string, string>
        {
            ["actionId"] = Id(side.Action),
            ["done"] = "true",
        });

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task AnArchivedTeamTakesNoActionNorTickFromAnyone()
    {
        var side = await SideAsync("Sales North", "Harbor");
        var archive = await side.Manager.GetDocumentAsync($"/teams/{Id(side.Team.TeamId)}/archive");
        using (var archived = await side.Manager.SubmitAsync(archive.Form(), null, archive.QuerySelector<IHtmlButtonElement>("#archive-team")))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }

        var meeting = $"/meetings/{Id(side.Team.MeetingId)}";
        var owner = factory.CreateClientFor(side.Team.RepIds[1]);
        var tick = new Dictionary<string, string> { ["actionId"] = Id(side.Action), ["done"] = "true", ["returnUrl"] = "/" };
        foreach (var (client, url, fields) in new[]
        {
            (side.Manager, $"{meeting}?handler=AddAction", Good(side.Team.ManagerId)),
            (side.Manager, $"{meeting}/remote?handler=AddAction", Good(side.Team.ManagerId)),
            (side.Rep, $"{meeting}/results?handler=AddAction", Good(side.Team.RepIds[0])),
            (side.Manager, $"{meeting}?handler=ActionDone", tick),
            (owner, $"{meeting}/results?handler=ActionDone", tick),
            (owner, $"/teams/{Id(side.Team.TeamId)}/actions?handler=Done", tick),
        })
        {
            using var response = await PostAsync(client, url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"POST {url}: {(int)response.StatusCode}");
        }

        Assert.Null(Assert.Single(await ActionsOfAsync(side.Team.TeamId)).DoneOn);
    }
}
