using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Meetings;

/// <summary>
/// Issue 23 review: the manager of one team, who is a rep in another, posts crafted forms to the pages that rename,
/// re-date and delete meetings and rename teams: none gets a 500, and the other team's meeting and name never change.
/// </summary>
public sealed class CraftedFixingPostsTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private readonly ZonePollFactory _factory = factory;

    public static TheoryData<string, string> CraftedFields() => new()
    {
        { "Input.Date", "0001-01-01" },
        { "Input.Date", "9999-12-31" },
        { "Input.Date", "2026-02-30" },
        { "Input.Date", "not a date" },
        { "Input.Date", "2026-12-10T00:00:00Z" },
        { "Input.Date", "-1" },
        { "Input.Title", new string('x', 10_000) },
        { "Input.Title", "Tab\tand\u0000nul" },
        { "Input.Title", "\u0007\u0008" },
        { "Input.Title", "\uD800" },
        { "confirmTitle", new string('y', 10_000) },
        { "confirmTitle", "\u0000" },
        { "Input.Name", new string('z', 10_000) },
        { "Input.Name", "\u001B[31m" },
        { "Input.Cadence", "1" },
        { "Input.Cadence", "weekly" },
        { "Input.Cadence", "Weekly, Monthly" },
        { "archived", "yes" },
        { "archived", "" },
    };

    [Theory]
    [MemberData(nameof(CraftedFields))]
    public async Task ACraftedFieldIsNeverA500AndNeverReachesTheOtherTeam(string field, string value)
    {
        var mine = await _factory.CreateTeamAsync(reps: 0, teamName: "Mine");
        var victim = await _factory.CreateTeamAsync(reps: 0, teamName: "Victim");
        await _factory.WithDbAsync(db => db.TeamMembers.AddAsync(new ZonePoll.Web.Teams.TeamMember
        {
            TeamId = victim.TeamId,
            UserId = mine.ManagerId,
            Role = ZonePoll.Web.Teams.TeamRole.Rep,
            JoinedAt = DateTimeOffset.UtcNow,
        }).AsTask().ContinueWith(_ => db.SaveChangesAsync()).Unwrap());
        var manager = _factory.CreateClientFor(mine.ManagerId);
        var token = (await manager.GetDocumentAsync("/teams/new")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var victimIds = new[] { ("id", victim.MeetingId), ("teamId", victim.TeamId) };

        foreach (var url in new[]
        {
            $"/meetings/{mine.MeetingId}/edit", $"/meetings/{mine.MeetingId}/edit?handler=Delete", $"/teams/{mine.TeamId}/settings",
            $"/teams/{mine.TeamId}/archive", $"/meetings/{victim.MeetingId}/edit", $"/meetings/{victim.MeetingId}/edit?handler=Delete",
            $"/teams/{victim.TeamId}/settings", $"/teams/{victim.TeamId}/archive",
        })
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", token), new("Input.Title", "Renamed"), new("Input.Date", "2026-11-27"),
                new("Input.Name", "Renamed team"), new("Input.Cadence", "Weekly"), new("archived", "true"), new("confirmTitle", "November meeting"),
            };
            fields.RemoveAll(f => f.Key == field);
            // Twice: a duplicated field must not be read as the last (or first) of two.
            fields.Add(new(field, value));
            fields.Add(new(field, value));
            fields.AddRange(victimIds.Select(v =>
                new KeyValuePair<string, string>(v.Item1, v.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            var query = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            using var response = await manager.PostAsync(
                $"{url}{query}id={victim.MeetingId}&teamId={victim.TeamId}", new FormUrlEncodedContent(fields));
            Assert.True((int)response.StatusCode < 500, $"POST {url} with {field}: {(int)response.StatusCode}");
        }

        var (title, date, teamName, archivedAt, meetings) = await _factory.WithDbAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().SingleAsync(x => x.Id == victim.MeetingId);
            var t = await db.Teams.AsNoTracking().SingleAsync(x => x.Id == victim.TeamId);
            return (m.Title, m.Date, t.Name, t.ArchivedAt, await db.Meetings.CountAsync(x => x.TeamId == victim.TeamId));
        });
        Assert.Equal(("November meeting", new DateOnly(2026, 11, 26), "Victim", (DateTimeOffset?)null, 1), (title, date, teamName, archivedAt, meetings));
    }
}
