using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Pages;

/// <summary>
/// Every form a member of two teams sees on their own team's meeting, worksheet, meeting edit and follow-up pages,
/// posted with one field at a time replaced by another team's id, 0, -1, int.MaxValue, a number past it or text:
/// no answer is a 500, and the other team's tally does not move.
/// </summary>
public class CraftedIdsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task EveryFieldOfEveryFormWithAnotherTeamsIdsOrOddNumbersGetsAnAnswerAndLeavesTheOtherTeamAlone()
    {
        var a = await factory.CreateTeamAsync(reps: 1, teamName: "Alpha");
        var b = await factory.CreateTeamAsync(reps: 1, teamName: "Bravo");
        await factory.AddMemberAsync(b.TeamId, a.ManagerId, TeamRole.Manager);
        await factory.CreateClientFor(a.RepIds[0]).SaveWorksheetAsync(a.MeetingId, ("Acme", "Recovery", "Key", null));
        await factory.CreateClientFor(b.RepIds[0]).SaveWorksheetAsync(b.MeetingId, ("Acme", "Recovery", "Key", null), ("Secret Co", "Recovery", "Key", null));
        var (followUpA, followUpB, promptB) = await factory.WithDbAsync(async db => (
            await db.FollowUps.Where(f => f.TeamId == a.TeamId).Select(f => f.Id).FirstAsync(),
            await db.FollowUps.Where(f => f.TeamId == b.TeamId).Select(f => f.Id).FirstAsync(),
            await db.MeetingPrompts.Where(p => p.MeetingId == b.MeetingId).Select(p => p.Id).FirstAsync()));
        var customerB = await factory.CustomerIdAsync(b.TeamId, "secret co");
        var manager = factory.CreateClientFor(a.ManagerId);
        var bBefore = await factory.CreateClientFor(b.ManagerId).GetStringAsync($"/meetings/{b.MeetingId}/tally.json");

        string[] odd =
        [
            b.MeetingId.ToString(CultureInfo.InvariantCulture), followUpB.ToString(CultureInfo.InvariantCulture),
            promptB.ToString(CultureInfo.InvariantCulture), customerB.ToString(CultureInfo.InvariantCulture), b.RepIds[0],
            "0", "-1", int.MaxValue.ToString(CultureInfo.InvariantCulture),
            "2147483648", "-2147483649", "abc", "", "1e3", " 1", "\u0661",
        ];
        List<string> fiveHundreds = [];
        List<string> log = [];
        foreach (var url in new[] { $"/meetings/{a.MeetingId}", $"/meetings/{a.MeetingId}/edit", $"/followups/{followUpA}" })
        {
            using var got = await manager.GetAsync(url);
            Assert.True(got.IsSuccessStatusCode, $"{url}: {(int)got.StatusCode} after {string.Join("\n", log.TakeLast(30))}");
            var page = await HtmlForms.ParseAsync(got);
            var forms = page.PostForms();
            for (var f = 0; f < forms.Count; f++)
            {
                var form = forms[f];
                var names = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>()
                    .Where(n => n.Length > 0 && n != "__RequestVerificationToken").Distinct().ToList();
                if (names.Contains("confirmTitle"))
                {
                    // The title form renames the meeting to each odd value in turn, and the delete form, given the title
                    // typed, deletes it, as it should: it is not an odd post.
                    continue;
                }

                foreach (var name in names)
                {
                    foreach (var value in odd)
                    {
                        // A fresh page each time: a post that did change something must not leave the next on an old version.
                        var fresh = (await manager.GetDocumentAsync(url)).PostForms()[f];
                        using var response = await manager.SubmitAsync(fresh, new Dictionary<string, string?> { [name] = value });
                        log.Add($"{url} form {f} {name}={value}: {(int)response.StatusCode} {response.Headers.Location}");
                        if ((int)response.StatusCode >= 500)
                        {
                            fiveHundreds.Add($"{url} form {f} {name}={value}: {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        // The worksheet, as a rep of both teams: the fields outside the rows, and those of the first row.
        var rep = factory.CreateClientFor(a.RepIds[0]);
        await factory.AddMemberAsync(b.TeamId, a.RepIds[0], TeamRole.Rep);
        // A later meeting too, where the rep's earlier list is carried and its customers may be dropped by id.
        var later = await factory.CreateMeetingAsync(a.TeamId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20));
        foreach (var sheet in new[] { $"/meetings/{a.MeetingId}/worksheet", $"/meetings/{later}/worksheet" })
        {
            var sheetNames = (await rep.GetDocumentAsync(sheet)).Form("#worksheet-form").Elements
                .Select(e => e.GetAttribute("name")).OfType<string>()
                .Where(n => n.Length > 0 && n != "__RequestVerificationToken"
                    && (!n.StartsWith("Rows[", StringComparison.Ordinal) || n.StartsWith("Rows[0]", StringComparison.Ordinal)))
                .Distinct().ToList();
            foreach (var name in sheetNames.Concat(["Remove", "UseKnown", "Drops[0].Customer", "Drops[0].Reason", "Rows[0].CustomerId"]))
            {
                foreach (var value in odd)
                {
                    var fresh = (await rep.GetDocumentAsync(sheet)).Form("#worksheet-form");
                    using var response = await rep.SubmitAsync(fresh, new Dictionary<string, string?> { [name] = value });
                    if ((int)response.StatusCode >= 500)
                    {
                        fiveHundreds.Add($"{sheet} {name}={value}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.Empty(fiveHundreds);
        Assert.Equal(bBefore, await factory.CreateClientFor(b.ManagerId).GetStringAsync($"/meetings/{b.MeetingId}/tally.json"));
        Assert.DoesNotContain("Secret Co", await manager.GetStringAsync($"/meetings/{a.MeetingId}/tally.json"), StringComparison.Ordinal);
    }
}
