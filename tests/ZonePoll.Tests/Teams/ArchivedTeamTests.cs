using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Teams;

/// <summary>
/// Issue 23: an archived team is off its members' home pages and read-only for everyone until a manager restores it. The
/// rule lives in the membership middleware, so it holds for every handler, including those added after it: the first test
/// drives every POST handler the app has against an archived team.
/// </summary>
public sealed partial class ArchivedTeamTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private sealed record World(TeamSetup Team, HttpClient Manager, HttpClient Rep, int FollowUpId, int CustomerId, string OldInviteToken);

    [Fact]
    public async Task ARepWhoseOnlyTeamIsArchivedIsToldSoNotThatTheyAreOnNoTeam()
    {
        var w = await WorldAsync();
        await ArchiveAsync(w.Manager, w.Team.TeamId);

        var home = await w.Rep.GetDocumentAsync("/");

        Assert.Contains("is archived", home.QuerySelector("#archived-as-rep")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not on a team yet", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPostHandlerOfAnArchivedTeamIsRefusedAndChangesNothingButTheRestore()
    {
        var w = await WorldAsync();
        await ArchiveAsync(w.Manager, w.Team.TeamId);
        var before = await StateAsync(w.Team.TeamId);
        var tokens = new Dictionary<HttpClient, string> { [w.Manager] = await TokenAsync(w.Manager), [w.Rep] = await TokenAsync(w.Rep) };
        var failures = new List<string>();
        var refused = 0;

        var handlers = (await AppHandlers.AllAsync(_factory)).Where(h => h.Method == HttpMethods.Post && h.Rule is not null).ToList();
        foreach (var handler in handlers.Where(h => !h.Pattern.EndsWith("/archive", StringComparison.Ordinal)))
        {
            var caller = handler.Rule!.Role == MemberRole.Rep ? w.Rep : w.Manager;
            var url = Fill(handler.Pattern, w) + (handler.Handler is { } name ? $"?handler={name}" : "");
            using var response = await caller.PostAsync(url, new FormUrlEncodedContent(Fields(w).Append(new("__RequestVerificationToken", tokens[caller]))));
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                failures.Add($"POST {url}: {(int)response.StatusCode}, not 409");
            }
            else
            {
                refused++;
                Assert.Contains("This team is archived", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Empty(failures);
        Assert.True(refused >= 10, $"Expected every team handler, refused {refused}.");
        Assert.Equal(before, await StateAsync(w.Team.TeamId));
        // The one write an archived team takes.
        Assert.Single(handlers, h => h.Pattern.EndsWith("/archive", StringComparison.Ordinal));
        await RestoreAsync(w.Manager, w.Team.TeamId);
        Assert.Null(await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == w.Team.TeamId).Select(t => t.ArchivedAt).SingleAsync()));
    }

    [Fact]
    public async Task AnArchivedTeamLeavesTheHomePageSaysSoOnItsPagesAndComesBackWhenRestored()
    {
        var w = await WorldAsync();
        await ArchiveAsync(w.Manager, w.Team.TeamId);

        var repHome = await w.Rep.GetDocumentAsync("/");
        Assert.Null(repHome.QuerySelector($"#team-{w.Team.TeamId}"));
        Assert.Null(repHome.QuerySelector("#archived-teams"));
        Assert.Null(repHome.QuerySelector("#my-followups"));
        var managerHome = await w.Manager.GetDocumentAsync("/");
        Assert.Null(managerHome.QuerySelector($"#team-{w.Team.TeamId}"));
        Assert.Contains("Sales North", managerHome.QuerySelector("#archived-teams")!.TextContent, StringComparison.Ordinal);

        foreach (var (client, url) in new[]
        {
            (w.Manager, $"/teams/{w.Team.TeamId}"), (w.Manager, $"/meetings/{w.Team.MeetingId}"), (w.Manager, $"/teams/{w.Team.TeamId}/meetings/new"),
            (w.Rep, $"/meetings/{w.Team.MeetingId}/worksheet"), (w.Manager, $"/followups/{w.FollowUpId}"),
        })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.Contains("This team is archived", page.QuerySelector("#archived-banner")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Null((await w.Manager.GetDocumentAsync($"/teams/{w.Team.TeamId}/meetings/new")).QuerySelector("main form[method=post]"));
        // Its invite link stopped working with the archive.
        using (var join = await w.Rep.GetAsync($"/join/{w.OldInviteToken}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, join.StatusCode);
        }

        await RestoreAsync(w.Manager, w.Team.TeamId);
        Assert.NotNull((await w.Rep.GetDocumentAsync("/")).QuerySelector($"#team-{w.Team.TeamId}"));
        Assert.Null((await w.Manager.GetDocumentAsync($"/meetings/{w.Team.MeetingId}")).QuerySelector("#archived-banner"));
    }

    [Fact]
    public async Task ARepCannotArchiveOrRestoreTheTeamAndAStrangerFindsNothing()
    {
        var w = await WorldAsync();
        var stranger = _factory.CreateClientFor(await _factory.CreateUserAsync("Stan Stranger"));
        foreach (var (client, status) in new[] { (w.Rep, HttpStatusCode.Forbidden), (stranger, HttpStatusCode.NotFound) })
        {
            using var page = await client.GetAsync($"/teams/{w.Team.TeamId}/archive");
            Assert.Equal(status, page.StatusCode);
            using var post = await client.PostAsync($"/teams/{w.Team.TeamId}/archive", new FormUrlEncodedContent(
                [new("archived", "true"), new("__RequestVerificationToken", await TokenAsync(client))]));
            Assert.Equal(status, post.StatusCode);
        }

        Assert.Null(await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == w.Team.TeamId).Select(t => t.ArchivedAt).SingleAsync()));
    }

    private async Task<World> WorldAsync()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Expectations", "New", null));
        var (followUpId, customerId, token) = await _factory.WithDbAsync(async db =>
        {
            var followUp = await db.FollowUps.SingleAsync(f => f.TeamId == team.TeamId);
            return (followUp.Id, followUp.CustomerId, await db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.InviteToken).SingleAsync());
        });
        return new World(team, _factory.CreateClientFor(team.ManagerId), rep, followUpId, customerId, token);
    }

    private static async Task ArchiveAsync(HttpClient manager, int teamId)
    {
        var page = await manager.GetDocumentAsync($"/teams/{teamId}/archive");
        using var response = await manager.SubmitAsync(page.Form(), null, page.QuerySelector<IHtmlButtonElement>("#archive-team"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task RestoreAsync(HttpClient manager, int teamId)
    {
        var page = await manager.GetDocumentAsync($"/teams/{teamId}/archive");
        using var response = await manager.SubmitAsync(page.Form(), null, page.QuerySelector<IHtmlButtonElement>("#restore-team"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    private static string Fill(string pattern, World w) =>
        RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "id" => w.Team.MeetingId.ToString(CultureInfo.InvariantCulture),
            "teamId" => w.Team.TeamId.ToString(CultureInfo.InvariantCulture),
            "customerId" => w.CustomerId.ToString(CultureInfo.InvariantCulture),
            "followUpId" => w.FollowUpId.ToString(CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"Give {pattern} a value for {{{other}}} in this test."),
        });

    /// <summary>What each handler needs to act, so a refusal is the rule's and not the handler's own for missing input.</summary>
    private static Dictionary<string, string> Fields(World w) => new Dictionary<string, string>
    {
        ["status"] = "Locked",
        ["revealed"] = "true",
        ["show"] = "true",
        ["share"] = "true",
        ["text"] = "A prompt on an archived team",
        ["days"] = "7",
        ["userId"] = w.Team.RepIds[0],
        ["Rows[0].Name"] = "Archived Customer",
        ["Rows[0].Zone"] = "Recovery",
        ["Rows[0].AccountType"] = "Standard",
        ["Steps[0].Done"] = "true",
        ["Input.Title"] = "Archived meeting",
        ["Input.Date"] = "2026-12-10",
        ["Input.Name"] = "Archived name",
        ["Input.Cadence"] = "Weekly",
        ["confirmTitle"] = "November meeting",
    };

    /// <summary>Everything of the team a write could change, as one comparable text.</summary>
    private Task<string> StateAsync(int teamId) => _factory.WithDbAsync(async db => JsonSerializer.Serialize(new
    {
        Team = await db.Teams.Where(t => t.Id == teamId).Select(t => new { t.Name, t.Cadence, t.ArchivedAt, t.InviteToken, t.InviteExpiresAt }).SingleAsync(),
        Members = (await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => new { m.UserId, m.Role }).ToListAsync())
            .OrderBy(m => m.UserId, StringComparer.Ordinal),
        Meetings = (await db.Meetings.Where(m => m.TeamId == teamId)
            .Select(m => new { m.Id, m.Title, m.Date, m.Status, m.ResultsRevealed, m.ShowCustomerNames, m.HandoutForReps, m.TallyVersion })
            .ToListAsync()).OrderBy(m => m.Id),
        Prompts = (await db.MeetingPrompts.Where(p => db.Meetings.Any(m => m.Id == p.MeetingId && m.TeamId == teamId))
            .Select(p => new { p.Id, p.Position, p.Text }).ToListAsync()).OrderBy(p => p.Id),
        Worksheets = (await db.Worksheets.Where(w => w.Meeting!.TeamId == teamId)
            .Select(w => new { w.Id, w.Version, Entries = w.Entries.Count }).ToListAsync()).OrderBy(w => w.Id),
        FollowUps = (await db.FollowUps.Where(f => f.TeamId == teamId)
            .Select(f => new { f.Id, f.OwnerId, f.DueOn, f.ClarifiedOn, f.ClosedAt, f.Version, History = f.History.Count }).ToListAsync()).OrderBy(f => f.Id),
    }));

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
