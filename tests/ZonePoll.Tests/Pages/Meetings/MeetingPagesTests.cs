using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Pages.Meetings;

public class MeetingPagesTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private Task<List<string>> PromptsAsync(int meetingId) =>
        factory.WithDbAsync(db => db.MeetingPrompts.Where(p => p.MeetingId == meetingId).OrderBy(p => p.Position).Select(p => p.Text).ToListAsync());

    private static IHtmlFormElement PromptForm(IHtmlDocument page, int index) =>
        page.QuerySelectorAll<IHtmlFormElement>("#prompts ol form").ElementAt(index);

    private static IHtmlButtonElement ButtonIn(IHtmlFormElement form, string text) =>
        form.QuerySelectorAll<IHtmlButtonElement>("button").First(b => b.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task ManagerCreatesAnOpenMeetingWithTheDefaultPrompts()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.Title"] = "December review",
            ["Input.Date"] = "2026-12-03",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var meeting = await factory.WithDbAsync(db => db.Meetings.SingleAsync(m => m.TeamId == team.TeamId && m.Title == "December review"));
        Assert.Equal((new DateOnly(2026, 12, 3), MeetingStatus.Open), (meeting.Date, meeting.Status));
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(meeting.Id));
        var dashboard = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("0 of 1 reps in", dashboard.QuerySelector("#reps-in")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeetingWithoutTitleOrDateIsRefusedAndKeepsWhatWasTyped()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Title"] = "Kick-off", ["Input.Date"] = "" });

        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Pick the meeting's date", shown.QuerySelector("[data-valmsg-for='Input.Date']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kick-off", shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
    }

    [Theory]
    [InlineData("Q4 review\u0007", "control character")]
    [InlineData("Q4 \u202Eweiver", "direction of the text")]
    [InlineData("Q4 \u2068review\u2069", "direction of the text")]
    public async Task AMeetingTitleWithAControlOrDirectionCharacterIsRefusedBesideItWithWhatWasTypedKept(string title, string problem)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.Date"] = "2026-12-03" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var error = shown.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent;
        Assert.StartsWith("The title ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(title, shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Meetings.CountAsync(m => m.TeamId == team.TeamId)));
    }

    [Theory]
    [InlineData("9999-12-31", "within 5 years: 3 December 2031 at the latest")]
    [InlineData("2031-12-04", "within 5 years: 3 December 2031 at the latest")]
    [InlineData("1999-12-31", "from 1 January 2000 on")]
    [InlineData("0001-01-01", "from 1 January 2000 on")]
    public async Task AMeetingDateOutsideYear2000ToFiveYearsAheadIsRefusedBesideTheFieldAndKept(string date, string message)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        using var app = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)))));
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        manager.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Title"] = "Far away", ["Input.Date"] = date });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains(message, shown.QuerySelector("[data-valmsg-for='Input.Date']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(date, shown.QuerySelector<IHtmlInputElement>("#Input_Date")!.Value);
        Assert.Equal("Far away", shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Meetings.AnyAsync(m => m.TeamId == team.TeamId && m.Title == "Far away")));
    }

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("2031-12-03")]
    public async Task AMeetingOnTheFirstOrLastDayAllowedIsMade(string date)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        using var app = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)))));
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        manager.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Title"] = "At the edge", ["Input.Date"] = date });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), await factory.WithDbAsync(db => db.Meetings
            .Where(m => m.TeamId == team.TeamId && m.Title == "At the edge")
            .Select(m => m.Date)
            .SingleAsync()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    [Fact]
    public async Task AnOpenNowValueOtherThanTrueOrFalseIsRefusedAndNoMeetingIsMade()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}/meetings/new");

        using var response = await manager.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.Title"] = "Maybe meeting",
            ["Input.Date"] = "2026-12-03",
            ["Input.OpenNow"] = "maybe",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Tick the box or leave it empty", shown.QuerySelector("[data-valmsg-for='Input.OpenNow']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Maybe meeting", shown.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Meetings.AnyAsync(m => m.Title == "Maybe meeting")));
    }

    [Fact]
    public async Task ManagerRewordsReordersRemovesAndAddsPrompts()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var url = $"/meetings/{team.MeetingId}";

        var page = await manager.GetDocumentAsync(url);
        using (await manager.SubmitAsync(PromptForm(page, 0), new Dictionary<string, string?> { ["text"] = "  How do we WOW them?  " }))
        {
        }

        page = await manager.GetDocumentAsync(url);
        using (await manager.SubmitAsync(PromptForm(page, 1), null, ButtonIn(PromptForm(page, 1), "Up")))
        {
        }

        page = await manager.GetDocumentAsync(url);
        using (await manager.SubmitAsync(PromptForm(page, 5), null, ButtonIn(PromptForm(page, 5), "Remove")))
        {
        }

        page = await manager.GetDocumentAsync(url);
        var addPrompt = page.Form("form[action*='AddPrompt']");
        using (await manager.SubmitAsync(addPrompt, new Dictionary<string, string?> { ["text"] = "Who gets a thank-you call this week?" }))
        {
        }

        var prompts = await PromptsAsync(team.MeetingId);
        Assert.Equal(6, prompts.Count);
        Assert.Equal(DefaultPrompts.Texts[1], prompts[0]);
        Assert.Equal("How do we WOW them?", prompts[1]);
        Assert.DoesNotContain(DefaultPrompts.Texts[5], prompts);
        Assert.Equal("Who gets a thank-you call this week?", prompts[^1]);
    }

    [Fact]
    public async Task AnOverlongPromptIsRefusedBesideItWithTheTextKept()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var longText = new string('p', 401);

        using var response = await manager.SubmitAsync(PromptForm(page, 2), new Dictionary<string, string?> { ["text"] = longText });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var form = PromptForm(shown, 2);
        Assert.Equal(longText, form.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Contains("400 characters", form.QuerySelector(".field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(team.MeetingId));
    }

    [Theory]
    [InlineData("What went wrong?\u0007")]
    [InlineData("What went\u0008 wrong?")]
    [InlineData("What went wrong?\r\n\u001B[2J")]
    public async Task APromptWithAControlCharacterIsRefusedBesideItWithTheTextKeptWhenRewordedOrAdded(string text)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");

        using var reworded = await manager.SubmitAsync(PromptForm(page, 2), new Dictionary<string, string?> { ["text"] = text });
        using var added = await manager.SubmitAsync(page.Form("form[action*='AddPrompt']"), new Dictionary<string, string?> { ["text"] = text });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (reworded.StatusCode, added.StatusCode));
        var form = PromptForm(await HtmlForms.ParseAsync(reworded), 2);
        Assert.Equal(text, form.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Contains("The prompt contains a control character", form.QuerySelector(".field-validation-error")!.TextContent, StringComparison.Ordinal);
        var addForm = (await HtmlForms.ParseAsync(added)).Form("form[action*='AddPrompt']");
        Assert.Equal(text, addForm.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.Contains("The prompt contains a control character", addForm.QuerySelector(".field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(team.MeetingId));
    }

    [Fact]
    public async Task AnOverlongNewPromptIsRefusedWithAnErrorTheFieldPointsTo()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var longText = new string('p', 620);

        using var added = await manager.SubmitAsync(page.Form("form[action*='AddPrompt']"), new Dictionary<string, string?> { ["text"] = longText });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, added.StatusCode);
        var shown = await HtmlForms.ParseAsync(added);
        var textarea = shown.QuerySelector<IHtmlTextAreaElement>("#new-prompt")!;
        Assert.Equal(longText, textarea.Value);
        // A screen reader on the field hears why it was refused, as it does on a prompt being reworded.
        var error = shown.GetElementById(textarea.GetAttribute("aria-describedby") ?? "");
        Assert.NotNull(error);
        Assert.Contains("400", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(team.MeetingId));
    }

    [Fact]
    public async Task APromptOverSeveralLinesIsStillAPrompt()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");

        using var added = await manager.SubmitAsync(page.Form("form[action*='AddPrompt']"), new Dictionary<string, string?>
        {
            ["text"] = "Who felt a pinch?\r\nWhat did we do?",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("Who felt a pinch?\r\nWhat did we do?", (await PromptsAsync(team.MeetingId))[^1]);
    }

    [Fact]
    public async Task AStatusPostWithoutAStatusIsRefusedAndLeavesTheMeetingAsItWas()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");

        // No button's name and value: a crafted post, which once bound as Draft.
        using var response = await manager.SubmitAsync(page.Form("form[action*='Status']"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MeetingStatus.Open, await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).Select(m => m.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("UpdatePrompt")]
    [InlineData("RemovePrompt")]
    public async Task ChangingAPromptThatIsNotOnTheMeetingSaysNothingChanged(string handler)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var other = await factory.CreateTeamAsync(reps: 0, teamName: "Sales South");
        var otherPrompt = await factory.WithDbAsync(db => db.MeetingPrompts
            .Where(p => p.MeetingId == other.MeetingId)
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .FirstAsync());
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var form = PromptForm(page, 0);
        var submit = form.QuerySelectorAll<IHtmlButtonElement>("button")
            .First(b => b.GetAttribute("formaction")?.Contains(handler, StringComparison.Ordinal) == true
                || (handler == "UpdatePrompt" && b.GetAttribute("formaction") is null));

        using var response = await manager.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["promptId"] = otherPrompt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = "Reworded",
        }, submit);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var shown = await manager.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("no longer on this meeting", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(other.MeetingId));
        Assert.Equal(DefaultPrompts.Texts, await PromptsAsync(team.MeetingId));
    }

    [Fact]
    public async Task ManagerLocksAndReopensTheMeeting()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        var manager = factory.CreateClientFor(team.ManagerId);
        var page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        var statusForm = page.Form("form[action*='Status']");

        using (await manager.SubmitAsync(statusForm, null, statusForm.QuerySelector<IHtmlButtonElement>("button[value=Locked]")))
        {
        }

        Assert.Equal(MeetingStatus.Locked, await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).Select(m => m.Status).SingleAsync()));
        page = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}");
        statusForm = page.Form("form[action*='Status']");
        using (await manager.SubmitAsync(statusForm, null, statusForm.QuerySelector<IHtmlButtonElement>("button[value=Open]")))
        {
        }

        Assert.Equal(MeetingStatus.Open, await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task TheMeetingPageShowsWhoHasSubmittedAndWhoHasNot()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var worksheet = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        using (await rep.SubmitAsync(worksheet.Form(), new Dictionary<string, string?>
        {
            ["Rows[0].Name"] = "Acme",
            ["Rows[0].Zone"] = "Surprises",
            ["Rows[1].Name"] = "Beta",
            ["Rows[1].Zone"] = "Recovery",
        }))
        {
        }

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{team.MeetingId}");

        Assert.Contains("1 of 2 reps in", page.QuerySelector("#reps-in")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("#submissions tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "Rep 1" && r[1] == "2");
        Assert.Contains(rows, r => r[0] == "Rep 2" && r[1] == "Not yet");
    }

    [Fact]
    public async Task HomePageShowsARepTheOpenMeetingsTheyHaveNotFilledIn()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);

        var before = await rep.GetDocumentAsync("/");
        Assert.Contains("Waiting on you", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(before.QuerySelector($"#todo-heading + ul a[href='/meetings/{team.MeetingId}/worksheet']"));

        var worksheet = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        using (await rep.SubmitAsync(worksheet.Form(), new Dictionary<string, string?> { ["Rows[0].Name"] = "Acme", ["Rows[0].Zone"] = "Surprises" }))
        {
        }

        var after = await rep.GetDocumentAsync("/");
        Assert.Null(after.QuerySelector("#todo-heading"));
        Assert.Contains("1 customer ·", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepIsForbiddenTheProjector()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var present = await factory.CreateClientFor(team.RepIds[0]).GetAsync($"/meetings/{team.MeetingId}/present");

        Assert.Equal(HttpStatusCode.Forbidden, present.StatusCode);
    }

    [Fact]
    public async Task ProjectorSaysTheTeamAndDateOnceWhenTheProposedTitleAlreadyHasThem()
    {
        var team = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        var manager = factory.CreateClientFor(team.ManagerId);
        var proposed = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/present");
        Assert.Equal("Sales East · 26 November 2026", proposed.QuerySelector(".present-sub")!.TextContent.Trim());

        // Another team, retitled before its tally is first built and cached.
        var other = await factory.CreateTeamAsync(reps: 1, teamName: "Sales East");
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == other.MeetingId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Title, "Sales East · 26 November 2026")));
        var page = await factory.CreateClientFor(other.ManagerId).GetDocumentAsync($"/meetings/{other.MeetingId}/present");

        Assert.Equal("Sales East · 26 November 2026", page.QuerySelector("#meeting-title")!.TextContent.Trim());
        Assert.Equal("", page.QuerySelector(".present-sub")!.TextContent.Trim());
    }

    [Fact]
    public async Task ThePhoneRemoteShowsTheCurrentPromptsWordsNotTheRecordBehindThem()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        var remote = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/meetings/{team.MeetingId}/remote");

        Assert.Equal(DefaultPrompts.Create().First().Text, remote.QuerySelector("#remote-prompt-text")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheHomePageNamesAProposedTitlesTeamAndDateOnce()
    {
        var team = await factory.CreateTeamAsync(reps: 1, teamName: "North Sales");
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, "North Sales · 26 November 2026")));

        var home = (await factory.CreateClientFor(team.RepIds[0]).GetDocumentAsync("/")).QuerySelector("main")!.TextContent;

        Assert.Contains("North Sales · 26 November 2026", home, StringComparison.Ordinal);
        Assert.DoesNotContain("26 Nov 2026", home, StringComparison.Ordinal);
        Assert.DoesNotContain("North Sales · North Sales", home, StringComparison.Ordinal);
    }
}
