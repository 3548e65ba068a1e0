using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Chat;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Chat;

/// <summary>Issue 24 item 5: a team's chat webhook, set by its managers, told of openings and reveals through a durable queue.</summary>
public sealed class TeamChatTests : IAsyncLifetime, IDisposable
{
    private readonly ChatFactory _factory = new();
    private WebhookListener _listener = null!;

    public async Task InitializeAsync()
    {
        _listener = await WebhookListener.StartAsync();
    }

    public Task DisposeAsync() => _listener.DisposeAsync().AsTask();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ASavedWebhookIsStoredEncryptedAndShownAgainAsItsHostOnly()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);

        using var saved = await SaveWebhookAsync(manager, team.TeamId, _listener.Url("/services/T000/B000/secret-token-xyz"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == team.TeamId).Select(t => t.ChatWebhook).SingleAsync());
        Assert.NotNull(stored);
        Assert.DoesNotContain("secret-token-xyz", stored, StringComparison.Ordinal);
        var page = await (await manager.GetAsync($"/teams/{team.TeamId}/chat")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-token-xyz", page, StringComparison.Ordinal);
        Assert.Contains("Posts go to 127.0.0.1/…", (await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat")).QuerySelector("#chat-current")!.TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestButtonShowsTheListenersStatusAndTheStartOfItsBodyBesideIt()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url());
        _listener.Status = 201;
        _listener.Body = "accepted by the listener " + new string('x', 400);

        var document = await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat");
        using var response = await manager.SubmitAsync(document.Form("#chat-test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await HtmlForms.ParseAsync(response)).QuerySelector("#test-reply")!.TextContent;
        Assert.Contains("HTTP 201: accepted by the listener", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), reply, StringComparison.Ordinal);
        var post = Assert.Single(await _listener.WaitForAsync(1));
        Assert.Contains("test message", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTestButtonWithNoWebhookSavedSaysToSaveOneFirst()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);

        var document = await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat");
        using var response = await manager.SubmitAsync(document.Form("#chat-test"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("save it first", (await HtmlForms.ParseAsync(response)).QuerySelector("#test-reply")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningAMeetingPostsMeetingOpenOnceThroughTheQueueAndTheMessagesPageCountsIt()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url());
        var draft = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17), "December meeting", MeetingStatus.Draft);

        await SetStatusAsync(manager, draft, "Open");
        var post = Assert.Single(await _listener.WaitForAsync(1));
        // Back to draft and open again: reps heard once, and so did the chat.
        await SetStatusAsync(manager, draft, "Draft");
        await SetStatusAsync(manager, draft, "Open");

        Assert.StartsWith("Meeting open: December meeting.", post.Text, StringComparison.Ordinal);
        Assert.Contains($"{ChatFactory.PublicUrl}/meetings/{draft}/worksheet", post.Text, StringComparison.Ordinal);
        var row = Assert.Single(await _factory.WithDbAsync(db => db.Set<ChatMessage>().Where(m => m.TeamId == team.TeamId).ToListAsync()));
        var sent = await WaitForStateAsync(row.Id, OutboxState.Sent);
        Assert.Equal("HTTP 200: ok", sent.ServerReply);
        var counts = await manager.GetDocumentAsync($"/teams/{team.TeamId}/messages");
        Assert.Equal("1", counts.QuerySelector("tr[data-kind=chat] td[data-state=sent]")!.TextContent);
        Assert.Single(_listener.Posts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARevealPostsRecoveryNowAndOutOfRecoverySinceLastTimeNamingCustomersOnlyWithNamesOn(bool namesOn)
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(team.MeetingId, ("Acme Widgets", "Recovery", "Key", "Late twice"), ("Beta Bakery", "Recovery", "New", null));
        var later = await _factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17), "December meeting");
        await rep.SaveWorksheetAsync(
            later, ("Acme Widgets", "Surprises", "Key", null), ("Beta Bakery", "Recovery", "New", null), ("Gamma Garage", "Recovery", "Standard", null));
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url(), namesOn);

        var document = await manager.GetDocumentAsync($"/meetings/{later}");
        using var response = await manager.SubmitAsync(document.Form("form[action*='handler=Reveal']"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var post = Assert.Single(await _listener.WaitForAsync(1));
        Assert.Contains("revealed: 2 in Recovery, 1 out of Recovery since last time", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep 1", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Late twice", post.Text, StringComparison.Ordinal);
        if (namesOn)
        {
            Assert.Contains("In Recovery: ", post.Text, StringComparison.Ordinal);
            Assert.Contains("Beta Bakery", post.Text, StringComparison.Ordinal);
            Assert.Contains("Gamma Garage", post.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Beta", post.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Gamma", post.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EachTeamsPostsGoToItsOwnWebhookAndCarryNothingOfTheOtherTeam()
    {
        var north = await _factory.CreateTeamAsync(teamName: "Sales North");
        var south = await _factory.CreateTeamAsync(teamName: "Sales South");
        await _factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == south.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, "Southern meeting")));
        await _factory.CreateClientFor(north.RepIds[0]).SaveWorksheetAsync(north.MeetingId, ("North Customer", "Recovery", "Key", "North note"));
        await _factory.CreateClientFor(south.RepIds[0]).SaveWorksheetAsync(
            south.MeetingId, ("South Customer", "Recovery", "Key", "South note"), ("South Other", "Recovery", "New", null));
        var northManager = _factory.CreateClientFor(north.ManagerId);
        var southManager = _factory.CreateClientFor(south.ManagerId);
        await SaveWebhookAsync(northManager, north.TeamId, _listener.Url("/north"), namesOn: true);
        await SaveWebhookAsync(southManager, south.TeamId, _listener.Url("/south"), namesOn: true);

        using (await northManager.SubmitAsync((await northManager.GetDocumentAsync($"/meetings/{north.MeetingId}")).Form("form[action*='handler=Reveal']")))
        {
        }

        using (await southManager.SubmitAsync((await southManager.GetDocumentAsync($"/meetings/{south.MeetingId}")).Form("form[action*='handler=Reveal']")))
        {
        }

        var posts = await _listener.WaitForAsync(2);
        var northPost = Assert.Single(posts, p => p.Path == "/north").Text;
        var southPost = Assert.Single(posts, p => p.Path == "/south").Text;
        Assert.Contains("1 in Recovery", northPost, StringComparison.Ordinal);
        Assert.Contains("North Customer", northPost, StringComparison.Ordinal);
        Assert.Contains("2 in Recovery", southPost, StringComparison.Ordinal);
        Assert.Contains("South Customer", southPost, StringComparison.Ordinal);
        foreach (var southern in new[] { "South", "Southern" })
        {
            Assert.DoesNotContain(southern, northPost, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("North", southPost, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepAndAnotherTeamsManagerCanNeitherReadNorChangeTheTeamsWebhook()
    {
        var team = await _factory.CreateTeamAsync();
        var other = await _factory.CreateTeamAsync(teamName: "Other team");
        var manager = _factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url("/mine"));
        var before = await WebhookRowAsync(team.TeamId);
        var rep = _factory.CreateClientFor(team.RepIds[0]);
        var otherManager = _factory.CreateClientFor(other.ManagerId);

        foreach (var (client, ownPage) in new[] { (rep, (string?)null), (otherManager, $"/teams/{other.TeamId}/chat") })
        {
            using var read = await client.GetAsync($"/teams/{team.TeamId}/chat");
            Assert.True(read.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{read.StatusCode}");
            Assert.DoesNotContain("127.0.0.1", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var token = ownPage is null
                ? ""
                : (await client.GetDocumentAsync(ownPage)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            foreach (var handler in new[] { "", "?handler=Remove", "?handler=Test" })
            {
                using var write = await client.PostAsync($"/teams/{team.TeamId}/chat{handler}", new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token), new("Input.WebhookUrl", _listener.Url("/stolen")), new("Input.NamesOn", "true"),
                ]));
                Assert.True(
                    write.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{handler}: {write.StatusCode}");
            }
        }

        Assert.Equal(before, await WebhookRowAsync(team.TeamId));
        Assert.Empty(_listener.Posts);
    }

    [Fact]
    public async Task LeavingTheAddressEmptyKeepsTheSavedOneAndChangesOnlyTheNamesToggle()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url());
        var before = await WebhookRowAsync(team.TeamId);

        using var response = await SaveWebhookAsync(manager, team.TeamId, "", namesOn: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await WebhookRowAsync(team.TeamId);
        Assert.Equal((before.Webhook, before.Host, true), after);
    }

    [Fact]
    public async Task RemovingTheWebhookSkipsWhatIsStillQueued()
    {
        var team = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url());
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.ZonePollDbContext>();
            // Queued for later, so the sender leaves it until the webhook is gone.
            db.Set<ChatMessage>().Add(new ChatMessage
            {
                TeamId = team.TeamId,
                Kind = ChatKind.Overdue,
                Text = "2 follow-ups overdue",
                State = OutboxState.Queued,
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        var document = await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat");
        using (await manager.SubmitAsync(document.Form("#chat-remove")))
        {
        }

        var id = await _factory.WithDbAsync(db => db.Set<ChatMessage>().Where(m => m.TeamId == team.TeamId).Select(m => m.Id).SingleAsync());
        await _factory.WithDbAsync(db => db.Set<ChatMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddDays(-1))));
        await WaitForStateAsync(id, OutboxState.Skipped);
        Assert.Empty(_listener.Posts);
    }

    [Fact]
    public async Task APostTheServiceRefusesIsRetriedThenMarkedFailedAndShownToManagers()
    {
        await using var factory = new ChatFactory(maxAttempts: 2);
        var team = await factory.CreateTeamAsync();
        var manager = factory.CreateClientFor(team.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url());
        _listener.Status = 404;
        _listener.Body = "no_team";
        var draft = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17), "December meeting", MeetingStatus.Draft);

        await SetStatusAsync(manager, draft, "Open");
        await _listener.WaitForAsync(2);

        var id = await factory.WithDbAsync(db => db.Set<ChatMessage>().Where(m => m.TeamId == team.TeamId).Select(m => m.Id).SingleAsync());
        var failed = await WaitForStateAsync(id, OutboxState.Failed, factory);
        Assert.Equal("HTTP 404: no_team", failed.LastError);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/messages");
        Assert.Equal("1", page.QuerySelector("tr[data-kind=chat] td[data-state=failed]")!.TextContent);
        Assert.Contains("HTTP 404: no_team", page.QuerySelector("#failures")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamThatSentItsTestMessagesIsToldToWaitAndPostsNothingWhileAnotherTeamStillTests()
    {
        var team = await _factory.CreateTeamAsync();
        var other = await _factory.CreateTeamAsync();
        var manager = _factory.CreateClientFor(team.ManagerId);
        var otherManager = _factory.CreateClientFor(other.ManagerId);
        await SaveWebhookAsync(manager, team.TeamId, _listener.Url("/team"));
        await SaveWebhookAsync(otherManager, other.TeamId, _listener.Url("/other"));

        for (var i = 0; i < ChatTestLimit.Tests; i++)
        {
            using var sent = await manager.SubmitAsync((await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat")).Form("#chat-test"));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        using var refused = await manager.SubmitAsync((await manager.GetDocumentAsync($"/teams/{team.TeamId}/chat")).Form("#chat-test"));
        using var control = await otherManager.SubmitAsync((await otherManager.GetDocumentAsync($"/teams/{other.TeamId}/chat")).Form("#chat-test"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var reply = (await HtmlForms.ParseAsync(refused)).QuerySelector("#test-reply")!.TextContent;
        Assert.Contains("Try again in a few minutes", reply, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        var posts = await _listener.WaitForAsync(ChatTestLimit.Tests + 1);
        Assert.Equal(ChatTestLimit.Tests, posts.Count(p => p.Path == "/team"));
        Assert.Equal(1, posts.Count(p => p.Path == "/other"));
    }

    public static Task<HttpResponseMessage> SaveWebhookAsync(HttpClient manager, int teamId, string url, bool namesOn = false) =>
        SaveAsync(manager, teamId, url, namesOn);

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient manager, int teamId, string url, bool namesOn)
    {
        var document = await manager.GetDocumentAsync($"/teams/{teamId}/chat");
        return await manager.SubmitAsync(document.Form("#chat-settings"), new Dictionary<string, string?>
        {
            ["Input.WebhookUrl"] = url,
            ["Input.NamesOn"] = namesOn ? "true" : "false",
        });
    }

    private static async Task SetStatusAsync(HttpClient manager, int meetingId, string status)
    {
        var document = await manager.GetDocumentAsync($"/meetings/{meetingId}");
        var form = document.Form("form[action*='handler=Status']");
        using var response = await manager.SubmitAsync(form, submitter: form.QuerySelector<IHtmlButtonElement>($"button[value={status}]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<(string? Webhook, string? Host, bool NamesOn)> WebhookRowAsync(int teamId)
    {
        var team = await _factory.WithDbAsync(db => db.Teams.Where(t => t.Id == teamId)
            .Select(t => new { t.ChatWebhook, t.ChatWebhookHost, t.ChatNamesOn }).SingleAsync());
        return (team.ChatWebhook, team.ChatWebhookHost, team.ChatNamesOn);
    }

    /// <summary>Waits for the sender to record <paramref name="state"/> (a hang guard, not a timing).</summary>
    private async Task<ChatMessage> WaitForStateAsync(long id, OutboxState state, ChatFactory? factory = null)
    {
        factory ??= _factory;
        for (var i = 0; i < 600; i++)
        {
            var row = await factory.WithDbAsync(db => db.Set<ChatMessage>().AsNoTracking().SingleAsync(m => m.Id == id));
            if (row.State == state)
            {
                return row;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Chat post {id} never reached {state}.");
    }
}
