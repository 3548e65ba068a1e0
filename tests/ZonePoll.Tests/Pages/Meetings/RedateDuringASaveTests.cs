using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>
/// Issue 23 review: a save is read in its request (membership, the meeting's date) and applied later by the writer. A
/// manager's re-date that commits in between has already moved the meeting's follow-ups; one the save then opens
/// must be due from the date the meeting has, not from the one the request read.
/// </summary>
public sealed class RedateDuringASaveTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task AFollowUpASaveOpensAfterARedateIsDueFromTheNewDate()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var readDate = new DateOnly(2026, 11, 26);
        var manager = factory.CreateClientFor(team.ManagerId);
        var edit = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/edit");
        using (var moved = await manager.SubmitAsync(edit.Form("#rename-form"), new Dictionary<string, string?> { ["Input.Date"] = "2026-12-08" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        // The save as its request prepared it, with the date read before the re-date committed.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<WorksheetSaver>().SaveAsync(
                team.MeetingId, team.TeamId, readDate, team.RepIds[0], 0,
                [new CleanEntry(0, "Unhappy Co", Customer.Normalize("Unhappy Co"), Zone.Recovery, AccountType.Standard, null)], [], CancellationToken.None);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }

        var dueOn = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == team.TeamId).Select(f => f.DueOn).SingleAsync());
        Assert.Equal(FollowUpClock.AddWorkingDays(new DateOnly(2026, 12, 8), FollowUpClock.DefaultDueWorkingDays), dueOn);
    }
}
