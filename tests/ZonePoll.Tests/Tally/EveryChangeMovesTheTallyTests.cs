using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Tally;

namespace ZonePoll.Tests.Tally;

/// <summary>
/// Issue 21: every change that alters what a tally shows moves the versions (through <see cref="MeetingChanges"/>), or
/// the cache would go on serving the snapshot from before. Each POST handler the app has is used once, as a person
/// would, with every meeting's tally cached beforehand; afterwards every meeting's served tally.json must equal a
/// snapshot built afresh from the database. A handler added tomorrow fails here until it is given a use below.
/// </summary>
public sealed class EveryChangeMovesTheTallyTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private sealed record World(
        int TeamId,
        int Earlier,
        int Later,
        HttpClient Manager,
        HttpClient Rep,
        string PromotedId,
        string RemovedId);

    [Fact]
    public async Task EveryPostHandlerLeavesEveryMeetingsServedTallyEqualToAFreshBuild()
    {
        var world = await WorldAsync();
        var uses = Uses(world);
        var handlers = await PostHandlersAsync();
        var unused = handlers.Except(uses.Keys).ToList();
        Assert.True(unused.Count == 0, "Give these POST handlers a use in this test: " + string.Join(", ", unused));
        Assert.Empty(uses.Keys.Except(handlers));

        var stale = new List<string>();
        foreach (var (handler, use) in uses)
        {
            await ServedAsync(world);
            await use();
            stale.AddRange((await StaleAsync(world)).Select(meeting => $"{handler} left meeting {meeting}'s tally stale"));
        }

        Assert.True(uses.Count >= 15, $"Expected every kind of change, found {uses.Count}.");
        Assert.Empty(stale);
    }

    [Fact]
    public async Task TheComparisonSeesAChangeMadeWithoutMovingTheVersion()
    {
        var world = await WorldAsync();
        await ServedAsync(world);
        Assert.Empty(await StaleAsync(world));

        // What a handler that forgot MeetingChanges would do.
        await _factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == world.Later)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Text, "Changed behind the cache's back")));

        Assert.Equal([world.Later], await StaleAsync(world));
    }

    /// <summary>One legitimate use of each POST handler, keyed as <see cref="PostHandlersAsync"/> names them.</summary>
    private Dictionary<string, Func<Task>> Uses(World w)
    {
        var meeting = $"/meetings/{w.Later}";
        return new()
        {
            // A save to the earlier meeting moves the later one's "since last time" too.
            ["/meetings/{id}/worksheet "] = () => w.Rep.SaveWorksheetAsync(
                w.Earlier, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Surprises", "New", null)),
            ["/meetings/{id} AddPrompt"] = () => SubmitAsync(w.Manager, meeting, "form[action*='AddPrompt']", new() { ["text"] = "Who do we thank?" }),
            ["/meetings/{id} UpdatePrompt"] = () => SubmitAsync(w.Manager, meeting, "form[action*='UpdatePrompt']", new() { ["text"] = "Reworded" }),
            ["/meetings/{id} MovePrompt"] = () => SubmitAsync(
                w.Manager, meeting, "form[action*='UpdatePrompt']", submitter: "button[formaction*='direction=1']"),
            ["/meetings/{id} RemovePrompt"] = () => SubmitAsync(
                w.Manager, meeting, "form[action*='UpdatePrompt']", submitter: "button[formaction*='RemovePrompt']"),
            ["/meetings/{id} Reveal"] = () => SubmitAsync(w.Manager, meeting, "form[action*='handler=Reveal']"),
            ["/meetings/{id} CustomerNames"] = () => SubmitAsync(w.Manager, meeting, "form[action*='handler=CustomerNames']"),
            ["/meetings/{id} HandoutForReps"] = () => SubmitAsync(w.Manager, meeting, "form[action*='handler=HandoutForReps']"),
            ["/meetings/{id} Status"] = () => SubmitAsync(
                w.Manager, $"/meetings/{w.Earlier}", "form[action*='handler=Status']", submitter: "button[value=Locked]"),
            ["/followups/{followUpId} "] = async () =>
            {
                var followUp = await _factory.WithDbAsync(db => db.FollowUps
                    .Where(f => f.TeamId == w.TeamId && f.ClosedAt == null).Select(f => f.Id).FirstAsync());
                await SubmitAsync(w.Manager, $"/followups/{followUp}", "#followup-form", new() { ["Steps[0].Done"] = "true" });
            },
            ["/teams/{teamId}/meetings/new "] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}/meetings/new", "main form[method=post]", new() { ["Input.Date"] = "2026-12-10" }),
            ["/teams/{teamId} Promote"] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}", "form[action*='Promote']", forUser: w.PromotedId),
            ["/teams/{teamId} Remove"] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}", "form[action*='Remove']", forUser: w.RemovedId),
            ["/teams/{teamId} Regenerate"] = () => SubmitAsync(w.Manager, $"/teams/{w.TeamId}", "form[action*='Regenerate']"),
            ["/teams/{teamId} InviteByEmail"] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}", "form[action*='InviteByEmail']", new() { ["emails"] = "new.rep@example.com" }),
            ["/join/{token} "] = async () =>
            {
                var joiner = _factory.CreateClientFor(await _factory.CreateUserAsync("Jo Joiner"));
                var token = await InviteTokenAsync(w.TeamId);
                await SubmitAsync(joiner, $"/join/{token}", "main form[method=post]");
            },
            ["/Identity/Account/Register "] = async () =>
            {
                var token = await InviteTokenAsync(w.TeamId);
                await SubmitAsync(_factory.CreateAnonymousClient(), $"/Identity/Account/Register?returnUrl=%2Fjoin%2F{token}", "main form[method=post]", new()
                {
                    ["Input.DisplayName"] = "Reggie Registered",
                    ["Input.Email"] = $"{Guid.NewGuid():n}@test.zonepoll",
                    ["Input.Password"] = "correct horse battery",
                    ["Input.ConfirmPassword"] = "correct horse battery",
                });
            },
            ["/teams/new "] = () => SubmitAsync(w.Rep, "/teams/new", "main form[method=post]", new() { ["Name"] = "A team of my own" }),
            ["/account/time-zone "] = async () =>
            {
                using var response = await w.Rep.PostAsync(
                    "/account/time-zone", new FormUrlEncodedContent([new("timeZone", "Europe/Berlin")]));
                Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}");
            },
            ["/Identity/Account/Login "] = () => SubmitAsync(_factory.CreateAnonymousClient(), "/Identity/Account/Login", "main form[method=post]", new()
            {
                ["Input.Email"] = "nobody@test.zonepoll",
                ["Input.Password"] = "wrong",
            }, expectRedirect: false),
            ["/Identity/Account/Logout "] = () => SubmitAsync(w.Rep, "/", "form[action*='Logout']"),
            ["/account/email "] = () => SubmitAsync(w.Rep, "/account/email", "#email-settings"),
            ["/email/unsubscribe/{token} "] = () =>
            {
                var token = _factory.Services.GetRequiredService<Web.Email.UnsubscribeTokens>().For(Web.Email.EmailKind.Invitation, "someone@example.com");
                return SubmitAsync(_factory.CreateAnonymousClient(), $"/email/unsubscribe/{token}", "main form[method=post]", expectRedirect: false);
            },
            ["/status/{code} "] = async () =>
            {
                using var response = await w.Rep.PostAsync("/status/404", new FormUrlEncodedContent([]));
                Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
            },
            // Re-dated before the earlier one: the two swap places as each other's "last time".
            ["/meetings/{id}/edit "] = () => SubmitAsync(
                w.Manager, $"{meeting}/edit", "#rename-form", new() { ["Input.Title"] = "Renamed", ["Input.Date"] = "2026-11-19" }),
            ["/teams/{teamId}/settings "] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}/settings", "#team-settings", new() { ["Input.Name"] = "Sales South", ["Input.Cadence"] = "Weekly" }),
            // The app's default settings refuse a local listener, so the save is the refused one; the others need no webhook.
            ["/teams/{teamId}/chat "] = () => SubmitAsync(
                w.Manager, $"/teams/{w.TeamId}/chat", "#chat-settings", new() { ["Input.WebhookUrl"] = "https://127.0.0.1/hook" }, expectRedirect: false),
            ["/teams/{teamId}/chat Test"] = () => SubmitAsync(w.Manager, $"/teams/{w.TeamId}/chat", "#chat-test", expectRedirect: false),
            ["/teams/{teamId}/chat Remove"] = async () =>
            {
                await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == w.TeamId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.ChatWebhook, "unreadable").SetProperty(t => t.ChatWebhookHost, "hooks.example.com")));
                await SubmitAsync(w.Manager, $"/teams/{w.TeamId}/chat", "#chat-remove");
            },
            ["/teams/{teamId}/archive "] = async () =>
            {
                await SubmitAsync(w.Manager, $"/teams/{w.TeamId}/archive", "main form[method=post]", submitter: "#archive-team");
                await SubmitAsync(w.Manager, $"/teams/{w.TeamId}/archive", "main form[method=post]", submitter: "#restore-team");
            },
            // An action ticked on the team's page: its meeting lists it, and a later one would under "last time".
            ["/teams/{teamId}/actions Done"] = async () =>
            {
                await Pages.Teams.SeededActions.AddAsync(_factory, w.Later, "Call Acme", w.PromotedId, Pages.Teams.SeededActions.Today.AddDays(3));
                await ServedAsync(w);
                await SubmitAsync(w.Manager, $"/teams/{w.TeamId}/actions", "#open-actions form.team-action-tick");
            },
            // Actions (issue 23): added from each meeting page, then ticked; the rep's after the reveal above.
            ["/meetings/{id} AddAction"] = () => SubmitAsync(w.Manager, meeting, "#action-form", new() { ["actionText"] = "Call Acme" }),
            ["/meetings/{id} ActionDone"] = () => SubmitAsync(w.Manager, meeting, "form[action*='handler=ActionDone']"),
            ["/meetings/{id}/remote AddAction"] = () => SubmitAsync(w.Manager, $"{meeting}/remote", "#action-form", new() { ["actionText"] = "Thank Beta" }),
            ["/meetings/{id}/results AddAction"] = () => SubmitAsync(w.Rep, $"{meeting}/results", "#action-form", new() { ["actionText"] = "Visit Acme" }),
            ["/meetings/{id}/results ActionDone"] = () => SubmitAsync(w.Rep, $"{meeting}/results", "form[action*='handler=ActionDone']"),
            // A meeting with a list between the others, deleted: theirs compare with what is left.
            ["/meetings/{id}/edit Delete"] = async () =>
            {
                var between = await _factory.CreateMeetingAsync(w.TeamId, new DateOnly(2026, 11, 22), "Between");
                await w.Rep.SaveWorksheetAsync(
                    between, ("Acme", "Surprises", "Key", null), ("Beta", "Expectations", "New", null), ("Delta", "Recovery", "Standard", null));
                await ServedAsync(w);
                await SubmitAsync(w.Manager, $"/meetings/{between}/edit", "#delete-form", new() { ["confirmTitle"] = "Between" });
            },
        };
    }

    private async Task<World> WorldAsync()
    {
        var team = await _factory.CreateTeamAsync(reps: 3);
        var promoted = await _factory.CreateUserAsync("Pat Promoted");
        await _factory.WithDbAsync(db =>
        {
            db.TeamMembers.Add(new() { TeamId = team.TeamId, UserId = promoted, Role = Web.Teams.TeamRole.Rep, JoinedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Expectations", "New", null));
        await _factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("Gamma", "Recovery", "Key", "Billing error"));
        var later = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        // Last time's list carried into the later meeting, so its "since last time" reads the earlier one's zones.
        await rep.SaveWorksheetAsync(later, ("Acme", "Recovery", "Key", "Still late"), ("Beta", "Expectations", "New", null));
        return new World(team.TeamId, team.MeetingId, later, _factory.CreateClientFor(team.ManagerId), rep, promoted, team.RepIds[2]);
    }

    /// <summary>Asks for every meeting's tally, so each is cached at its current version.</summary>
    private async Task ServedAsync(World world)
    {
        foreach (var meetingId in await MeetingsAsync(world.TeamId))
        {
            await ServedJsonAsync(world.Manager, meetingId);
        }
    }

    /// <summary>The team's meetings whose served tally differs from one built now.</summary>
    private async Task<List<int>> StaleAsync(World world)
    {
        var stale = new List<int>();
        foreach (var meetingId in await MeetingsAsync(world.TeamId))
        {
            if (await ServedJsonAsync(world.Manager, meetingId) != await FreshJsonAsync(meetingId))
            {
                stale.Add(meetingId);
            }
        }

        return stale;
    }

    private Task<string> InviteTokenAsync(int teamId) =>
        _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.InviteToken).SingleAsync());

    private Task<List<int>> MeetingsAsync(int teamId) =>
        _factory.WithDbAsync(db => db.Meetings.Where(m => m.TeamId == teamId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

    private static async Task<string> ServedJsonAsync(HttpClient manager, int meetingId)
    {
        using var response = await manager.GetAsync($"/meetings/{meetingId}/tally.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> FreshJsonAsync(int meetingId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var input = await scope.ServiceProvider.GetRequiredService<TallyQuery>().LoadAsync(meetingId, CancellationToken.None);
        var json = scope.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.Serialize(TallyBuilder.Build(input!), json);
    }

    /// <summary>Every handler answering POST, as "pattern handler" (an unnamed handler leaves the name empty).</summary>
    private async Task<List<string>> PostHandlersAsync() =>
        [.. (await AppHandlers.AllAsync(_factory))
            .Where(h => h.Method == "POST")
            .Select(h => $"{StripConstraints(h.Pattern)} {h.Handler}")
            .Distinct()];

    private static string StripConstraints(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", "{$1}");

    private static async Task SubmitAsync(
        HttpClient client,
        string page,
        string formSelector,
        Dictionary<string, string?>? values = null,
        string? submitter = null,
        bool expectRedirect = true,
        string? forUser = null)
    {
        var document = await client.GetDocumentAsync(page);
        var form = document.QuerySelectorAll<IHtmlFormElement>(formSelector)
                .FirstOrDefault(f => forUser is null || f.QuerySelector<IHtmlInputElement>("input[name=userId]")?.Value == forUser)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page}.");
        var button = submitter is null ? null : form.QuerySelector<IHtmlButtonElement>(submitter)
            ?? throw new InvalidOperationException($"No button '{submitter}' in '{formSelector}' on {page}.");
        using var response = await client.SubmitAsync(form, values, button);
        if (expectRedirect)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} {formSelector}: {response.StatusCode}");
        }
        else
        {
            Assert.True((int)response.StatusCode < 500, $"{page} {formSelector}: {response.StatusCode}");
        }
    }
}
