using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;

namespace ZonePoll.Tests.Pages.FollowUps;

/// <summary>The follow-up page says why the customer is there, and moves the due date on as steps are done.</summary>
public class FollowUpContextTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private Task<FollowUp> FollowUpAsync(int teamId) =>
        factory.WithDbAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.TeamId == teamId));

    private static async Task SaveAsync(HttpClient rep, int meetingId, Dictionary<string, string?> values)
    {
        var page = await rep.GetDocumentAsync($"/meetings/{meetingId}/worksheet");
        using var saved = await rep.SubmitAsync(page.Form(), values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>
    /// Rep 1 places Acme in Recovery for Responsiveness ("Late twice"), Rep 2 places them there too with a note of
    /// their own: one follow-up, owned by Rep 1.
    /// </summary>
    private async Task<(TeamSetup Team, HttpClient Rep1, int FollowUpId)> AcmeListedByTwoRepsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var rep1 = factory.CreateClientFor(team.RepIds[0]);
        await SaveAsync(rep1, team.MeetingId, new()
        {
            ["Rows[0].Name"] = "Acme",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[0].Causes"] = "Responsiveness",
            ["Rows[0].Note"] = "Late twice",
        });
        await SaveAsync(factory.CreateClientFor(team.RepIds[1]), team.MeetingId, new()
        {
            ["Rows[0].Name"] = "Acme",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[0].Note"] = "Rep two's own note",
        });
        return (team, rep1, (await FollowUpAsync(team.TeamId)).Id);
    }

    private static List<string> Entries(IHtmlDocument page) =>
        [
            .. page.QuerySelectorAll("#context .followup-context-entry")
                .Select(e => string.Join(" ", e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))),
        ];

    [Fact]
    public async Task AManagerSeesEveryRepWhoListsTheCustomerWithZoneThreeRsAndNote()
    {
        var (team, _, id) = await AcmeListedByTwoRepsAsync();

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/followups/{id}");

        var entries = Entries(page);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Contains("Service Recovery", e, StringComparison.Ordinal));
        Assert.Contains("placed by Rep 1", entries[0], StringComparison.Ordinal);
        Assert.Contains("Responsiveness (answered late, or not at all)", entries[0], StringComparison.Ordinal);
        Assert.Contains("Note: “Late twice”", entries[0], StringComparison.Ordinal);
        Assert.Contains("placed by Rep 2", entries[1], StringComparison.Ordinal);
        Assert.Contains("Rep two's own note", entries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOwningRepSeesOnlyTheirOwnEntryNeverAnotherRepsNameOrNote()
    {
        var (team, rep1, id) = await AcmeListedByTwoRepsAsync();

        var page = await rep1.GetDocumentAsync($"/followups/{id}");

        var entry = Assert.Single(Entries(page));
        Assert.Contains("Late twice", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep 2", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep two's own note", page.Body!.TextContent, StringComparison.Ordinal);
        // Their own customer's history is a link away, and opens for them.
        var history = await rep1.GetDocumentAsync(page.QuerySelector("a#customer-history")!.GetAttribute("href")!);
        Assert.Contains("Acme", history.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // The other rep still finds no follow-up that is not theirs.
        await factory.CreateClientFor(team.RepIds[1]).GetDocumentAsync($"/followups/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheContextComesFromTheLatestMeetingThatListsTheCustomer()
    {
        var (team, rep1, id) = await AcmeListedByTwoRepsAsync();
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        await SaveAsync(rep1, december, new()
        {
            ["Rows[0].Zone"] = "Expectations",
            ["Rows[0].Pinch"] = "true",
            ["Rows[0].Causes"] = null,
            ["Rows[0].Note"] = "Better, but a grumble about invoices",
        });

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/followups/{id}");

        // Only Rep 1 has saved for December: the November entries are history now.
        var entry = Assert.Single(Entries(page));
        Assert.Contains("Service Expectations", entry, StringComparison.Ordinal);
        Assert.Contains("December meeting", entry, StringComparison.Ordinal);
        Assert.Contains("Feeling a pinch", entry, StringComparison.Ordinal);
        Assert.Contains("grumble about invoices", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("Late twice", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepHandedACustomerTheyDoNotListSeesNoOtherRepsEntry()
    {
        var (team, _, id) = await AcmeListedByTwoRepsAsync();
        var manager = factory.CreateClientFor(team.ManagerId);
        var third = await factory.CreateUserAsync("Rep 3");
        await factory.WithDbAsync(async db =>
        {
            db.TeamMembers.Add(new ZonePoll.Web.Teams.TeamMember
            {
                TeamId = team.TeamId,
                UserId = third,
                Role = ZonePoll.Web.Teams.TeamRole.Rep,
                JoinedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var followUpForm = (await manager.GetDocumentAsync($"/followups/{id}")).Form("#followup-form");
        using (var handed = await manager.SubmitAsync(followUpForm, new Dictionary<string, string?> { ["OwnerId"] = third }))
        {
            Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        }

        var page = await factory.CreateClientFor(third).GetDocumentAsync($"/followups/{id}");

        Assert.Empty(Entries(page));
        Assert.Contains("handed to you", page.QuerySelector("#context-none")!.TextContent, StringComparison.Ordinal);
        // A customer they never listed has no history page for them, so no link to one.
        Assert.Null(page.QuerySelector("a#customer-history"));
        Assert.DoesNotContain("Late twice", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoingAStepMovesTheDueDateThreeWorkingDaysOnAndTheHistorySaysWhy()
    {
        var (team, rep1, id) = await AcmeListedByTwoRepsAsync();
        var page = await rep1.GetDocumentAsync($"/followups/{id}");

        // Clarified on Friday 27 November: Fix is due the Wednesday after.
        using var response = await rep1.SubmitAsync(page.Form("#followup-form"), new Dictionary<string, string?>
        {
            ["Steps[0].Done"] = "true",
            ["Steps[0].On"] = "2026-11-27",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 2), (await FollowUpAsync(team.TeamId)).DueOn);
        var shown = await rep1.GetDocumentAsync($"/followups/{id}");
        Assert.StartsWith("2 Dec 2026", shown.QuerySelector("#due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fix it is due 3 working days after Clarify", shown.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADueDateChangedInTheSamePostAsAStepStaysAsTyped()
    {
        var (team, rep1, id) = await AcmeListedByTwoRepsAsync();
        var page = await rep1.GetDocumentAsync($"/followups/{id}");

        using var response = await rep1.SubmitAsync(page.Form("#followup-form"),
            new Dictionary<string, string?> { ["Steps[0].Done"] = "true", ["Steps[0].On"] = "2026-11-27", ["DueOn"] = "2026-12-10" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 10), (await FollowUpAsync(team.TeamId)).DueOn);
    }

    [Fact]
    public async Task EachStepsDateAndNoteFieldsNameTheirStep()
    {
        var (_, rep1, id) = await AcmeListedByTwoRepsAsync();

        var page = await rep1.GetDocumentAsync($"/followups/{id}");

        foreach (var step in FollowUpStepStyle.All)
        {
            var on = page.QuerySelector($"label[for='step-{step.Step}-on']")!.TextContent;
            var note = page.QuerySelector($"label[for='step-{step.Step}-note']")!.TextContent;
            Assert.StartsWith($"{step.Name}: Done on", on, StringComparison.Ordinal);
            Assert.StartsWith($"{step.Name}: Note", note, StringComparison.Ordinal);
        }
    }
}
