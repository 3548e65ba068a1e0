using System.Net;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Handouts;

public class HandoutTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private async Task<(HttpResponseMessage Response, PdfText Pdf)> DownloadAsync(TeamSetup team, int? meetingId = null)
    {
        var response = await factory.CreateClientFor(team.ManagerId).GetAsync($"/meetings/{meetingId ?? team.MeetingId}/handout.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, new PdfText(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task ThePageHeaderNamesTheTeamAndDateOnceWhenTheTitleAlreadyHasThem()
    {
        var team = await factory.CreateTeamAsync(reps: 1, teamName: "Sales West");
        await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == team.MeetingId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Title, "Sales West · 26 November 2026")));

        var (_, pdf) = await DownloadAsync(team);

        Assert.True(pdf.Contains("Sales West · 26 November 2026"), pdf.All);
        Assert.False(pdf.Contains("Sales West · Sales West"), pdf.All);
        Assert.False(pdf.Contains("26 November 2026 · 26 Nov 2026"), pdf.All);
    }

    [Fact]
    public async Task TheHandoutCarriesCountsRepsTheRecoveryListAndEveryPrompt()
    {
        var team = await factory.CreateTeamAsync(reps: 3, teamName: "Sales North");
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Müller GmbH", "Recovery", "Key", "Two late deliveries"),
            ("Acme Corp", "Expectations", "Standard", null),
            ("Zoë's Bakery", "Surprises", "New", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId,
            ("Blue River Clinic 日本", "Recovery", "Growth", "Invoice errors"),
            ("Pine & Co", "Surprises", "Growth", null),
            ("日本商事", "Expectations", "Key", null));

        var (response, pdf) = await DownloadAsync(team);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("zonepoll-sales-north-2026-11-26-handout.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("November meeting · Sales North · 2026-11-26", pdf.Title);
        Assert.True(pdf.Contains($"Page 1 of {pdf.Pages.Count}"));
        Assert.True(pdf.Contains("2 of 3 reps in · not yet in: Rep 3"));
        // Two customers in each zone: largest remainder gives the odd point to the first, so 34 + 33 + 33 = 100.
        Assert.True(pdf.Contains("R Service Recovery 2 · 34% E Service Expectations 2 · 33% S Service Surprises 2 · 33%"), pdf.All);
        Assert.True(pdf.Contains("34% of our 6 customers (2) are in Service Recovery; 1 of them is a key account."), pdf.All);
        foreach (var name in new[]
        {
            "Rep 1", "Rep 2", "Müller GmbH", "Blue River Clinic 日本", "Two late deliveries", "Invoice errors", "Next step / owner / by when",
        })
        {
            Assert.True(pdf.Contains(name), $"'{name}' is missing from the handout");
        }

        foreach (var (prompt, i) in DefaultPrompts.Texts.Select((p, i) => (p, i)))
        {
            Assert.True(pdf.Contains($"{i + 1}. {prompt}"), $"prompt {i + 1} is missing");
        }
    }

    [Fact]
    public async Task AnEmptyMeetingGivesAValidHandoutThatSaysNothingIsInYet()
    {
        var team = await factory.CreateTeamAsync(reps: 2);

        var (_, pdf) = await DownloadAsync(team);

        Assert.True(pdf.Contains("Nothing is in yet:"), pdf.All);
        Assert.True(pdf.Contains("0 of 2 reps in"));
        Assert.True(pdf.Contains("1. " + DefaultPrompts.Texts[0]));
    }

    [Fact]
    public async Task RepsAreForbiddenTheHandoutAndNonMembersDoNotFindIt()
    {
        var team = await factory.CreateTeamAsync(reps: 1);

        using var rep = await factory.CreateClientFor(team.RepIds[0]).GetAsync($"/meetings/{team.MeetingId}/handout.pdf");
        using var outsider = await factory.CreateClientFor(await factory.CreateUserAsync("Olive Outsider")).GetAsync($"/meetings/{team.MeetingId}/handout.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, rep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task ABigMeetingFlowsOverPagesWithEveryRecoveryRowWholeOnOnePage()
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        await SeedBigMeetingAsync(team, reps: 200);

        var (_, pdf) = await DownloadAsync(team);

        Assert.True(pdf.Pages.Count > 5, $"only {pdf.Pages.Count} pages");
        Assert.True(pdf.Contains($"Page {pdf.Pages.Count} of {pdf.Pages.Count}"));
        for (var i = 0; i < 200; i++)
        {
            // The row is whole on one page; a key account's name comes again under the prompts that ask about it.
            var page = Assert.Single(pdf.PagesWith($"note{i:D3} end{i:D3}"));
            Assert.Contains(page, pdf.PagesWith($"cust{i:D3}"));
            Assert.Equal(12, pdf.Pages[page - 1].Count(w => w == $"note{i:D3}"));
            Assert.Contains($"Bigrep{i:D3}", pdf.Pages[page - 1]);
        }

        // The header of the Recovery list repeats on each page it continues onto.
        var recoveryPages = Enumerable.Range(0, 200).Select(i => pdf.PagesWith($"note{i:D3} end{i:D3}")[0]).Distinct().ToList();
        Assert.True(recoveryPages.Count > 2);
        Assert.All(recoveryPages, p => Assert.Contains(p, pdf.PagesWith("Next step / owner / by when")));
    }

    /// <summary>200 reps each with one long-noted Recovery customer, inserted directly: hashing 200 passwords would only slow the test.</summary>
    private Task<int> SeedBigMeetingAsync(TeamSetup team, int reps) =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < reps; i++)
            {
                var user = new AppUser { UserName = $"big{i}@test", Email = $"big{i}@test", DisplayName = $"Bigrep{i:D3}" };
                db.Users.Add(user);
                db.TeamMembers.Add(new TeamMember { TeamId = team.TeamId, User = user, Role = TeamRole.Rep, JoinedAt = now });
                var customer = new Customer { TeamId = team.TeamId, Name = $"cust{i:D3}", NormalizedName = $"cust{i:D3}" };
                db.Customers.Add(customer);
                var worksheet = new Worksheet { MeetingId = team.MeetingId, Rep = user, Version = 1, UpdatedAt = now };
                worksheet.Entries.Add(new Entry
                {
                    Position = 0,
                    Customer = customer,
                    CustomerName = customer.Name,
                    Zone = Zone.Recovery,
                    AccountType = (AccountType)(i % 4),
                    Note = string.Join(' ', Enumerable.Repeat($"note{i:D3}", 12)) + $" end{i:D3}",
                });
                db.Worksheets.Add(worksheet);
            }

            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task TheHandoutPrintsTheMovementMatrixAndChurnSinceTheLastMeeting()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(
            team.MeetingId, ("Müller GmbH", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep.SaveCarriedForwardAsync(
            december, droppedRow: 1, acme, "LostToCompetitor", new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });

        var (_, first) = await DownloadAsync(team);
        var (_, pdf) = await DownloadAsync(team, december);

        Assert.True(first.Contains("First meeting: there is nothing earlier to compare with yet."), first.All);
        Assert.True(pdf.Contains("of 2 customers on the list both times: 1 out of Recovery (1 straight to Surprises), 0 into Recovery;"), pdf.All);
        // The matrix row by row: last time's zone, then how many are now in Recovery, Expectations, Surprises.
        Assert.True(pdf.Contains("Was Service Recovery 0 0 1"), pdf.All);
        Assert.True(pdf.Contains("Was Service Expectations 0 0 0"), pdf.All);
        Assert.True(pdf.Contains("Was Service Surprises 0 0 1"), pdf.All);
        Assert.True(pdf.Contains("Churn: 1 of 3 customers lost (33.3 %); dropped: lost to a competitor 1."), pdf.All);
        Assert.True(pdf.Contains("Acme Service Expectations Rep 1 Lost to a competitor"), pdf.All);
    }

    [Fact]
    public async Task TheHandoutCountsPinchesAndLeadsIntoThePromptsWithTheThreeRs()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId,
            ("Acme", "Expectations", "Standard", null),
            ("Beta", "Expectations", "Key", null),
            ("Gamma", "Recovery", "Key", null),
            ("Delta", "Recovery", "New", null));
        // The form's side of pinches and causes has its own tests; here only the printing matters.
        await factory.WithDbAsync(db => db.Entries
            .Where(e => e.CustomerName == "Acme")
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Pinched, true).SetProperty(e => e.Causes, ThreeRs.Respect)));
        await factory.WithDbAsync(db => db.Entries
            .Where(e => e.CustomerName == "Gamma" || e.CustomerName == "Delta")
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Causes, ThreeRs.Responsiveness)));
        await factory.TalliesChangedAsync(team.TeamId);

        var (_, pdf) = await DownloadAsync(team);

        Assert.True(pdf.Contains("1 of the 2 in Service Expectations is feeling a pinch:"), pdf.All);
        Assert.True(pdf.Contains("The Three R's: where we fell short"), pdf.All);
        Assert.True(pdf.Contains("Responsiveness: answered late, or not at all 2 0"), pdf.All);
        Assert.True(pdf.Contains("Respect: felt unheard or talked down to 0 1"), pdf.All);
        Assert.True(pdf.All.IndexOf("The Three R's", StringComparison.Ordinal) < pdf.All.IndexOf("Discussion prompts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JapaneseChineseArabicAndHebrewNamesReadBackAsTypedWithRightToLeftNamesRightToLeft()
    {
        var team = await factory.CreateTeamAsync(reps: 4);
        string[] reps = ["山田太郎", "王小明", "فاطمة الزهراء", "דוד כהן"];
        string[] customers = ["株式会社さくら", "北京贸易有限公司", "شركة الأمل", "שלום בע״מ"];
        for (var i = 0; i < 4; i++)
        {
            await factory.CreateClientFor(team.RepIds[i]).SaveWorksheetAsync(team.MeetingId, (customers[i], "Recovery", "Key", null));
        }

        var repIds = team.RepIds.ToList();
        await factory.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.Where(u => repIds.Contains(u.Id)).ToListAsync())
            {
                user.DisplayName = reps[repIds.IndexOf(user.Id)];
            }

            return await db.SaveChangesAsync();
        });
        await factory.TalliesChangedAsync(team.TeamId);

        var (response, _) = await DownloadAsync(team);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var pages = pdf.GetPages().ToList();
        var text = string.Concat(pages.Select(p => p.Text));

        foreach (var name in reps.Concat(customers))
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        // Read in order, the letters of a right-to-left name step leftwards on the page.
        foreach (var name in new[] { "שלום", "فاطمة" })
        {
            var page = pages.First(p => p.Text.Contains(name, StringComparison.Ordinal));
            // Text is the letters' values in order; a ligature is one letter of two characters, so count characters.
            var start = page.Text.IndexOf(name, StringComparison.Ordinal);
            var offsets = page.Letters.Select(l => l.Value.Length).ToList();
            var first = Enumerable.Range(0, offsets.Count).First(i => offsets.Take(i).Sum() == start);
            var xs = page.Letters.Skip(first).Take(name.Length).Select(l => l.BoundingBox.Left).ToList();
            Assert.True(xs.Zip(xs.Skip(1)).All(pair => pair.First > pair.Second), $"{name} is not laid out right to left: {string.Join(", ", xs)}");
        }

        // Latin names still read left to right.
        Assert.Contains("Service Recovery", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(30)]
    [InlineData(80)]
    public async Task NoPageButTheLastIsLeftMostlyBlankAndTheLastPagesNoteLinesReachItsFoot(int reps)
    {
        var team = await factory.CreateTeamAsync(reps: 0);
        await SeedBigMeetingAsync(team, reps);

        var (response, _) = await DownloadAsync(team);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());

        // PDF space runs upwards from the foot of an A4 page; the content lies between the running header and footer.
        const double Top = 841.89 - 42 - 26;
        const double Bottom = 42 + 24;
        var pages = pdf.GetPages().ToList();
        foreach (var page in pages)
        {
            var lowest = page.Letters.Select(l => l.BoundingBox.Bottom)
                .Concat(page.Paths.SelectMany(p => p.Select(s => s.GetBoundingRectangle()?.Bottom ?? Top)))
                .Where(y => y > Bottom - 6 && y < Top)
                .DefaultIfEmpty(Top)
                .Min();
            var filled = (Top - lowest) / (Top - Bottom);
            Assert.True(
                filled > (page.Number == pages.Count ? 0.9 : 0.7),
                $"page {page.Number} of {pages.Count} is only {filled:P0} full with {reps} reps");
        }
    }

    [Fact]
    public async Task PinchedCustomersAreListedWithTheirFollowUpsOwnerAndNextStep()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        await rep.SaveWorksheetAsync(
            team.MeetingId, ("Acme", "Expectations", "Standard", "Slow replies"), ("Beta", "Expectations", "Key", null), ("Gamma", "Recovery", "Key", null));
        var page = await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet");
        using (var saved = await rep.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Rows[0].Pinch"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var due = await factory.WithDbAsync(db => db.FollowUps.Where(f => f.Customer!.Name == "Acme").Select(f => f.DueOn).SingleAsync());

        var (_, pdf) = await DownloadAsync(team);

        Assert.True(pdf.Contains("1 of the 2 in Service Expectations is feeling a pinch:"), pdf.All);
        Assert.True(pdf.Contains("Feeling a pinch Owner Next step By"), pdf.All);
        Assert.True(pdf.Contains($"Acme Rep 1 Clarify {due.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)}"), pdf.All);
        // Beta has no pinch, and Gamma is on the Recovery list with its own follow-up.
        Assert.False(pdf.Contains("Beta Rep 1 Clarify"), pdf.All);
        Assert.False(pdf.Contains("Gamma Rep 1 Clarify"), pdf.All);
    }

    [Fact]
    public async Task SinceLastTimeNamesTheRepsWhoseCustomersMovedAndHow()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        var first = factory.CreateClientFor(team.RepIds[0]);
        var second = factory.CreateClientFor(team.RepIds[1]);
        await first.SaveWorksheetAsync(
            team.MeetingId, ("Müller GmbH", "Recovery", "Key", null), ("Acme", "Expectations", "Standard", null), ("Zoë's Bakery", "Surprises", "New", null));
        await second.SaveWorksheetAsync(team.MeetingId, ("Harbor", "Surprises", "Key", null));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await first.SaveCarriedForwardAsync(
            december, droppedRow: 1, acme, "LostToCompetitor", new Dictionary<string, string?> { ["Rows[0].Zone"] = "Surprises" });
        await second.SaveWorksheetAsync(december, ("Harbor", "Surprises", "Key", null));

        var (_, pdf) = await DownloadAsync(team, december);

        // Rep 1 took Müller GmbH from Recovery straight to Surprises; Rep 2's Harbor stayed put, so Rep 2 is not a mover.
        var movers = pdf.All[pdf.All.IndexOf("Movers, by rep", StringComparison.Ordinal)..pdf.All.IndexOf("Churn:", StringComparison.Ordinal)];
        Assert.Equal("Movers, by rep Up Out of Recovery Straight to Surprises Down Into Recovery Rep 1 1 1 1 0 0 ", movers);
    }
}
