using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Handouts;

/// <summary>The handout's Actions section, last time's actions, and the actions printed under the prompt they came from.</summary>
public class HandoutActionsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly Later = Today.AddDays(30);

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private async Task<byte[]> DownloadAsync(string userId, int meetingId)
    {
        using var response = await factory.CreateClientFor(userId).GetAsync($"/meetings/{meetingId}/handout.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>An action stored as the service stores one; the test then moves the tallies, as the service's change does.</summary>
    private Task<int> AddActionAsync(
        TeamSetup team, int meetingId, string text, string ownerId, DateOnly dueOn, string? customer = null, int? promptIndex = null) =>
        factory.WithDbAsync(async db =>
        {
            var action = new MeetingAction
            {
                TeamId = team.TeamId,
                MeetingId = meetingId,
                Text = text,
                OwnerId = ownerId,
                DueOn = dueOn,
                CustomerId = customer is null
                    ? null
                    : await db.Customers.Where(c => c.TeamId == team.TeamId && c.Name == customer).Select(c => c.Id).SingleAsync(),
                PromptId = promptIndex is { } index
                    ? (await db.MeetingPrompts.Where(p => p.MeetingId == meetingId).OrderBy(p => p.Position).ThenBy(p => p.Id)
                        .Select(p => p.Id).ToListAsync())[index]
                    : null,
                CreatedById = team.ManagerId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.MeetingActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });

    private async Task MarkDoneAsync(TeamSetup team, int actionId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<MeetingActions>();
        var result = await actions.SetDoneAsync(
            team.TeamId, actionId.ToString(CultureInfo.InvariantCulture), team.ManagerId, isManager: true, done: true, Today, CancellationToken.None);
        Assert.Equal(ActionDoneResult.Saved, result);
    }

    private Task<int> RenameAsync(string userId, string name) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name)));

    [Fact]
    public async Task TheActionsSectionListsEachActionWithOwnerDueDateCustomerPromptAndWhetherDoneOrOverdue()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Harbor", "Recovery", "Key", null));
        await AddActionAsync(team, team.MeetingId, "Call Harbor", team.RepIds[0], Later, customer: "Harbor", promptIndex: 1);
        var done = await AddActionAsync(team, team.MeetingId, "Send the price list", team.RepIds[1], Later);
        await AddActionAsync(team, team.MeetingId, "Book the review", team.ManagerId, Today.AddDays(-10));
        await factory.TalliesChangedAsync(team.TeamId);
        await MarkDoneAsync(team, done);

        var pdf = new PdfText(await DownloadAsync(team.ManagerId, team.MeetingId));

        Assert.True(pdf.Contains("Actions 3 agreed at this meeting: 2 open, 1 done, 1 overdue."), pdf.All);
        Assert.True(pdf.Contains("Action Owner Due Status Customer From prompt"), pdf.All);
        Assert.True(pdf.Contains($"Call Harbor Rep 1 {Day(Later)} Open Harbor 2"), pdf.All);
        Assert.True(pdf.Contains($"Send the price list Rep 2 {Day(Later)} Done"), pdf.All);
        Assert.True(pdf.Contains($"Book the review Maria Manager {Day(Today.AddDays(-10))} Overdue"), pdf.All);
        // The section comes before the prompts, which close the handout.
        Assert.True(pdf.All.IndexOf("Actions 3 agreed", StringComparison.Ordinal) < pdf.All.IndexOf("Discussion prompts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNextMeetingsHandoutSaysHowManyOfLastTimesActionsAreDoneAndListsTheOpenOnes()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await AddActionAsync(team, team.MeetingId, "Visit Acme", team.RepIds[0], Later);
        var done = await AddActionAsync(team, team.MeetingId, "Fix the invoice", team.RepIds[0], Later);
        await AddActionAsync(team, team.MeetingId, "Ring Beta", team.ManagerId, Today.AddDays(-3));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await factory.TalliesChangedAsync(team.TeamId);
        await MarkDoneAsync(team, done);

        var pdf = new PdfText(await DownloadAsync(team.ManagerId, december));

        Assert.True(pdf.Contains("Actions No actions agreed at this meeting yet."), pdf.All);
        Assert.True(pdf.Contains("Last time's actions: 1 of 3 done (November meeting, 26 Nov 2026); still open: 2."), pdf.All);
        Assert.True(pdf.Contains($"Still open from last time Owner Due Status Visit Acme Rep 1 {Day(Later)} Open"), pdf.All);
        Assert.True(pdf.Contains($"Ring Beta Maria Manager {Day(Today.AddDays(-3))} Overdue"), pdf.All);
        Assert.False(pdf.Contains("Fix the invoice"), pdf.All);
    }

    [Fact]
    public async Task AnActionAgreedOnAPromptIsPrintedUnderThatPromptsData()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Harbor", "Recovery", "Key", null));
        await AddActionAsync(team, team.MeetingId, "Call Harbor about the delay", team.RepIds[0], Later, customer: "Harbor", promptIndex: 2);
        await factory.TalliesChangedAsync(team.TeamId);

        var pdf = new PdfText(await DownloadAsync(team.ManagerId, team.MeetingId));

        var agreed = pdf.All.IndexOf($"Agreed: Call Harbor about the delay · Rep 1 · by {Day(Later)} · Harbor", StringComparison.Ordinal);
        Assert.True(agreed > 0, pdf.All);
        Assert.True(pdf.All.IndexOf("3. " + DefaultPrompts.Texts[2], StringComparison.Ordinal) < agreed, pdf.All);
        Assert.True(agreed < pdf.All.IndexOf("4. " + DefaultPrompts.Texts[3], StringComparison.Ordinal), pdf.All);
        // The prompt, its data and what was agreed on it stay on one page.
        var page = Assert.Single(pdf.PagesWith("Call Harbor about the delay · Rep 1"));
        Assert.Contains(page, pdf.PagesWith("3. " + DefaultPrompts.Texts[2]));
        Assert.Single(pdf.PagesWith("Agreed:"));
    }

    [Fact]
    public async Task AMeetingWithNoActionsAndNoEarlierOnesHasNoActionsSection()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Harbor", "Recovery", "Key", null));

        var pdf = new PdfText(await DownloadAsync(team.ManagerId, team.MeetingId));

        Assert.False(pdf.Contains("Actions"), pdf.All);
        Assert.False(pdf.Contains("Last time's actions:"), pdf.All);
        Assert.False(pdf.Contains("Agreed:"), pdf.All);
    }

    [Fact]
    public async Task JapaneseArabicAndHebrewActionTextsAndOwnersReadBackAsTyped()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        string[] owners = ["山田太郎", "فاطمة الزهراء", "דוד כהן"];
        string[] texts = ["請求書の誤りを直す", "الاتصال بشركة الأمل", "להתקשר ללקוח מחר"];
        for (var i = 0; i < 3; i++)
        {
            await RenameAsync(team.RepIds[i], owners[i]);
            await AddActionAsync(team, team.MeetingId, texts[i], team.RepIds[i], Later, promptIndex: i);
        }

        await factory.TalliesChangedAsync(team.TeamId);

        using var pdf = PdfDocument.Open(await DownloadAsync(team.ManagerId, team.MeetingId));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));

        foreach (var typed in owners.Concat(texts))
        {
            // Once in the Actions table and once under its prompt.
            var first = text.IndexOf(typed, StringComparison.Ordinal);
            Assert.True(first >= 0, $"'{typed}' is missing from the handout");
            Assert.True(text.IndexOf(typed, first + typed.Length, StringComparison.Ordinal) > first, $"'{typed}' is printed only once");
        }

        Assert.DoesNotContain("□", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRepsHandoutNamesAnActionsCustomerOnlyWhenTheManagerShowsNames()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Quietwater Ltd", "Surprises", "Standard", null));
        await AddActionAsync(team, team.MeetingId, "Thank them for the order", team.RepIds[0], Later, customer: "Quietwater Ltd", promptIndex: 0);
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true).SetProperty(m => m.HandoutForReps, true)));
        await factory.TalliesChangedAsync(team.TeamId);

        var hidden = new PdfText(await DownloadAsync(team.RepIds[0], team.MeetingId));
        var manager = new PdfText(await DownloadAsync(team.ManagerId, team.MeetingId));
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ShowCustomerNames, true)));
        await factory.TalliesChangedAsync(team.TeamId);
        var shown = new PdfText(await DownloadAsync(team.RepIds[0], team.MeetingId));

        Assert.True(hidden.Contains($"Thank them for the order Rep 1 {Day(Later)} Open"), hidden.All);
        Assert.True(hidden.Contains($"Agreed: Thank them for the order · Rep 1 · by {Day(Later)}"), hidden.All);
        Assert.False(hidden.Contains("Quietwater"), hidden.All);
        Assert.True(manager.Contains($"Agreed: Thank them for the order · Rep 1 · by {Day(Later)} · Quietwater Ltd"), manager.All);
        Assert.True(shown.Contains($"Thank them for the order Rep 1 {Day(Later)} Open Quietwater Ltd"), shown.All);
    }

    [Fact]
    public async Task SixtyActionsFlowOverPagesWithEveryActionPrintedAndNothingPastTheFoot()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Harbor", "Recovery", "Key", null));
        for (var i = 0; i < 60; i++)
        {
            await AddActionAsync(
                team, team.MeetingId, $"Task{i:D2} " + string.Join(' ', Enumerable.Repeat("words", i % 7 * 4)), team.RepIds[i % 3],
                Later.AddDays(i), promptIndex: i % 4 == 0 ? i / 4 % 6 : null);
        }

        await factory.TalliesChangedAsync(team.TeamId);

        var bytes = await DownloadAsync(team.ManagerId, team.MeetingId);
        var pdf = new PdfText(bytes);

        for (var i = 0; i < 60; i++)
        {
            // Each row is whole on one page: its owner and due date beside its text.
            var rows = pdf.PagesWith($"Task{i:D2}");
            Assert.NotEmpty(rows);
            Assert.Contains(pdf.PagesWith(Day(Later.AddDays(i))), p => rows.Contains(p));
        }

        Assert.Equal(15, pdf.All.Split("Agreed: Task").Length - 1);
        using var document = PdfDocument.Open(bytes);
        // PDF space runs upwards from the foot of an A4 page: the content ends 66 pt above it, the footer's rule is at 54.
        var pages = document.GetPages().ToList();
        foreach (var page in pages)
        {
            // Every page but the last is mostly full: prompts with their agreed actions do not leave blank feet.
            var lowest = page.Letters.Select(l => l.BoundingBox.Bottom)
                .Concat(page.Paths.SelectMany(p => p.Select(s => s.GetBoundingRectangle()?.Bottom ?? 841.89)))
                .Where(y => y > 60 && y < 841.89 - 68)
                .DefaultIfEmpty(841.89)
                .Min();
            Assert.True(page.Number == pages.Count || lowest < 66 + 150, $"page {page.Number} of {pages.Count} ends {lowest - 66:F0} pt above the foot");

            Assert.All(page.Letters, l => Assert.True(
                l.BoundingBox.Bottom >= 62 || l.BoundingBox.Top <= 54,
                $"'{l.Value}' on page {page.Number} runs into the footer at {l.BoundingBox.Bottom:F1}"));
        }
    }
}
