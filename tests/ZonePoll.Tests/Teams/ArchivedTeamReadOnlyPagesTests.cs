using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Teams;

/// <summary>
/// Issue 23 review: an archived team is read-only. No way in (the invite link its own page shows) adds a member, and its
/// pages offer no button whose only answer is the 409 "this team is archived".
/// </summary>
public sealed class ArchivedTeamReadOnlyPagesTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private sealed record World(TeamSetup Team, HttpClient Manager, HttpClient Rep, int FollowUpId);

    private async Task<World> ArchivedWorldAsync()
    {
        var team = await _factory.CreateTeamAsync(reps: 1);
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme", "Recovery", "Key", "Late twice"), ("Beta", "Expectations", "New", null));
        var followUpId = await _factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.Id).SingleAsync());
        var manager = _factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/archive");
        using var archived = await manager.SubmitAsync(page.Form(), null, page.QuerySelector<IHtmlButtonElement>("#archive-team"));
        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        return new World(team, manager, rep, followUpId);
    }

    private Task<int> MembersAsync(int teamId) => _factory.WithDbAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == teamId));

    [Fact]
    public async Task NobodyJoinsAnArchivedTeamThroughTheInviteLinkItsTeamPageShowed()
    {
        var w = await ArchivedWorldAsync();
        // The link as it stands now: the one archiving made, which the team page showed before it was hidden there.
        var token = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == w.Team.TeamId).Select(t => t.InviteToken).SingleAsync());
        var before = await MembersAsync(w.Team.TeamId);
        var newcomer = _factory.CreateClientFor(await _factory.CreateUserAsync("Nina Newcomer"));

        using var page = await newcomer.GetAsync($"/join/{token}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var token2 = (await newcomer.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var join = await newcomer.PostAsync($"/join/{token}", new FormUrlEncodedContent([new("__RequestVerificationToken", token2)]));

        Assert.Equal(HttpStatusCode.NotFound, join.StatusCode);
        Assert.Equal(before, await MembersAsync(w.Team.TeamId));
    }

    [Fact]
    public async Task AnArchivedTeamsTeamPageShowsNoInviteLinkAndNoMemberButtons()
    {
        var w = await ArchivedWorldAsync();

        var page = await w.Manager.GetDocumentAsync($"/teams/{w.Team.TeamId}");

        Assert.Null(page.QuerySelector("#invite-url"));
        Assert.Empty(UsableSubmitButtons(page));
    }

    [Fact]
    public async Task AnArchivedTeamsWorksheetMeetingAndFollowUpPagesOfferNoSaveButton()
    {
        var w = await ArchivedWorldAsync();

        foreach (var (client, url) in new[]
        {
            (w.Rep, $"/meetings/{w.Team.MeetingId}/worksheet"),
            (w.Manager, $"/meetings/{w.Team.MeetingId}"),
            (w.Manager, $"/meetings/{w.Team.MeetingId}/present"),
            (w.Manager, $"/followups/{w.FollowUpId}"),
            (w.Rep, $"/followups/{w.FollowUpId}"),
        })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.True(UsableSubmitButtons(page).Count == 0, $"{url} offers: {string.Join(", ", UsableSubmitButtons(page))}");
        }

        // What was saved is still there to read.
        var worksheet = await w.Rep.GetDocumentAsync($"/meetings/{w.Team.MeetingId}/worksheet");
        Assert.Equal("Acme", worksheet.QuerySelector<IHtmlInputElement>("#row-0-name")!.Value);
    }

    /// <summary>The submit buttons a person could press: not disabled, nor inside a disabled fieldset; sign-out aside.</summary>
    private static List<string> UsableSubmitButtons(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("form[method=post] button[type=submit], form[method=post] button:not([type])")
            .Where(b => !b.HasAttribute("disabled") && b.Closest("fieldset[disabled]") is null)
            .Where(b => !(b.Closest("form")!.GetAttribute("action") ?? "").Contains("Logout", StringComparison.OrdinalIgnoreCase))
            .Select(b => b.TextContent.Trim())];
}
