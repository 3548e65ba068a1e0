using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages;

/// <summary>
/// With script on, length-limit.js lifts every maxlength, so a browser posts whatever was pasted: every post form with
/// a limited field, sent a few characters over in that field, is refused (422) with the text kept to shorten, never a
/// 500, and the field names its error, which says how long the text is.
/// </summary>
public class OverLongTextTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task EveryLimitedFieldOfEveryFormPostedOverItsLimitIsRefusedWithTheWholeTextKept()
    {
        var a = await factory.CreateTeamAsync(reps: 1, teamName: "Alpha");
        var b = await factory.CreateTeamAsync(reps: 1, teamName: "Bravo");
        await factory.CreateClientFor(a.RepIds[0]).SaveWorksheetAsync(a.MeetingId, ("Acme", "Recovery", "Key", null));
        var followUp = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.TeamId == a.TeamId).Select(f => f.Id).FirstAsync());
        var bBefore = await factory.CreateClientFor(b.ManagerId).GetStringAsync($"/meetings/{b.MeetingId}/tally.json");
        var manager = factory.CreateClientFor(a.ManagerId);
        var rep = factory.CreateClientFor(a.RepIds[0]);
        (HttpClient Client, string Url)[] pages =
        [
            (manager, "/teams/new"), (manager, $"/teams/{a.TeamId}/settings"), (manager, $"/teams/{a.TeamId}/chat"),
            (manager, $"/teams/{a.TeamId}/meetings/new"), (manager, $"/meetings/{a.MeetingId}"), (manager, $"/meetings/{a.MeetingId}/edit"),
            (manager, $"/followups/{followUp}"), (rep, $"/meetings/{a.MeetingId}/worksheet"),
        ];

        List<string> problems = [];
        List<string> tried = [];
        foreach (var (client, url) in pages)
        {
            var forms = (await client.GetDocumentAsync(url)).PostForms();
            for (var f = 0; f < forms.Count; f++)
            {
                var limited = forms[f].Elements.Where(e => e.HasAttribute("maxlength") && e.GetAttribute("name") is { Length: > 0 })
                    .Select(e => (Name: e.GetAttribute("name")!, Limit: int.Parse(e.GetAttribute("maxlength")!, CultureInfo.InvariantCulture)))
                    .ToList();
                foreach (var (name, limit) in limited)
                {
                    var typed = Typed(name, limit);
                    var fresh = (await client.GetDocumentAsync(url)).PostForms()[f];
                    using var response = await client.SubmitAsync(fresh, new Dictionary<string, string?> { [name] = typed });
                    tried.Add($"{url} {name}");
                    var status = (int)response.StatusCode;
                    if (status is < 200 or >= 300 and < 400 or >= 500)
                    {
                        problems.Add($"{url} {name}: {status} {response.Headers.Location}");
                        continue;
                    }

                    if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "text/html")
                    {
                        problems.Add($"{url} {name}: {status} without a page to correct it on");
                        continue;
                    }

                    var page = await HtmlForms.ParseAsync(response);
                    var kept = page.QuerySelectorAll("input, textarea").Any(e => e is IHtmlInputElement i ? i.Value == typed : e.TextContent == typed);
                    var said = page.QuerySelector(".field-validation-error, .alert-danger, .validation-summary-errors, [role=alert]") is not null;
                    if (!kept || !said || status != 422)
                    {
                        problems.Add($"{url} {name}: {status} kept {kept} error shown {said}");
                        continue;
                    }

                    // A screen reader on the field hears the error, and the error says how long the text is.
                    var field = page.QuerySelectorAll($"[name='{name}']").First(e => e is IHtmlInputElement i ? i.Value == typed : e.TextContent == typed);
                    var described = (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(id => page.GetElementById(id)?.TextContent ?? "");
                    var count = typed.Length.ToString(CultureInfo.InvariantCulture);
                    if (field.GetAttribute("aria-invalid") != "true" || !described.Any(text => text.Contains(count, StringComparison.Ordinal)))
                    {
                        problems.Add($"{url} {name}: aria-invalid {field.GetAttribute("aria-invalid")}, described by "
                            + $"\"{field.GetAttribute("aria-describedby")}\": {string.Join(" | ", described)}");
                    }
                }
            }
        }

        // Each page has a limited field, and the team settings, the meeting and the worksheet more than one.
        Assert.All(pages, p => Assert.Contains(tried, t => t.StartsWith(p.Url + " ", StringComparison.Ordinal)));
        Assert.Contains($"/teams/{a.TeamId}/settings Input.TimeZone", tried);
        Assert.Contains($"/meetings/{a.MeetingId} text", tried);
        Assert.Contains($"/meetings/{a.MeetingId} actionText", tried);
        Assert.Contains($"/meetings/{a.MeetingId}/worksheet Rows[9].Note", tried);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(bBefore, await factory.CreateClientFor(b.ManagerId).GetStringAsync($"/meetings/{b.MeetingId}/tally.json"));
    }

    /// <summary>Five characters over, shaped like what the field asks for, so only the length is wrong.</summary>
    private static string Typed(string name, int limit)
    {
        var prefix = name.Contains("TimeZone", StringComparison.OrdinalIgnoreCase) ? "Europe/"
            : name.Contains("Webhook", StringComparison.OrdinalIgnoreCase) ? "https://hooks.example.com/"
            : "Pasted ";
        return prefix + new string('x', limit + 5 - prefix.Length);
    }
}
