using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Teams;

public class CustomerListTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    /// <summary>
    /// November: rep 1 lists Acme (Expectations), Beta (Surprises) and Café Noir (Recovery); rep 2 lists ACME (Recovery)
    /// and Delta (Expectations). December: rep 1 drops Acme and keeps the rest; rep 2 keeps Acme in Recovery. Acme's
    /// follow-up is rep 2's, Café Noir's rep 1's.
    /// </summary>
    private async Task<World> TwoMeetingsAsync()
    {
        var team = await factory.CreateTeamAsync(reps: 3);
        var (rep1, rep2) = (factory.CreateClientFor(team.RepIds[0]), factory.CreateClientFor(team.RepIds[1]));
        await rep1.SaveWorksheetAsync(
            team.MeetingId,
            ("Acme", "Expectations", "Key", "renewal due"),
            ("Beta", "Surprises", "Standard", null),
            ("Café Noir", "Recovery", "Growth", "cold coffee"));
        await rep2.SaveWorksheetAsync(team.MeetingId, ("ACME", "Recovery", "Key", "invoice errors"), ("Delta", "Expectations", "New", "quiet lately"));
        var december = await factory.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 12, 17));
        var acme = await factory.CustomerIdAsync(team.TeamId, "acme");
        await rep1.SaveCarriedForwardAsync(december, droppedRow: 0, acme, "LostToCompetitor");
        await rep2.SaveWorksheetAsync(december, ("Acme", "Recovery", "Key", "still waiting"), ("Delta", "Expectations", "New", "quiet lately"));
        return new World(team, december, acme, await factory.CustomerIdAsync(team.TeamId, "cafe noir"));
    }

    private sealed record World(TeamSetup Team, int December, int Acme, int Cafe)
    {
        public string Url => $"/teams/{Team.TeamId}/customers";
    }

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#customer-list .customer-name").Select(h => h.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Card(IHtmlDocument page, string name) =>
        page.QuerySelectorAll("#customer-list .customer-card").Single(c => c.QuerySelector(".customer-name")!.TextContent.Trim() == name);

    private static string Count(IHtmlDocument page) => page.QuerySelector("#result-count")!.TextContent.Trim();

    [Fact]
    public async Task AManagerSeesEveryCustomerInTheLowestZoneOfTheirLatestMeetingWithBadgesRepsFollowUpAndLastNote()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync(world.Url);

        Assert.Equal(["Acme", "Beta", "Café Noir", "Delta"], Names(page));
        Assert.Equal("4 customers", Count(page));
        var acme = Card(page, "Acme");
        Assert.Contains("Service Recovery", acme.QuerySelector(".customer-zone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Service Recovery at November meeting", "Service Recovery at December meeting"],
            acme.QuerySelectorAll(".zone-history .zone-badge").Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(["R", "R"], acme.QuerySelectorAll(".zone-history .zone-badge").Select(b => b.TextContent.Trim()));
        Assert.Contains("Rep 2", acme.QuerySelector(".customer-reps")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Rep 1", acme.QuerySelector(".customer-reps")!.TextContent, StringComparison.Ordinal);
        var followUp = acme.QuerySelector(".customer-followup a")!;
        Assert.StartsWith("/followups/", followUp.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Next: Clarify", followUp.TextContent, StringComparison.Ordinal);
        Assert.Contains("still waiting", acme.QuerySelector(".customer-note")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Service Surprises at November meeting", "Service Surprises at December meeting"],
            Card(page, "Beta").QuerySelectorAll(".zone-history .zone-badge").Select(b => b.GetAttribute("aria-label")));
        Assert.Contains("none open", Card(page, "Beta").QuerySelector(".customer-followup")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoRepsListingACustomerAtTheSameMeetingCountItInTheLowerZoneAsTheTallyDoes()
    {
        var team = await factory.CreateTeamAsync(reps: 2);
        await factory.CreateClientFor(team.RepIds[0]).SaveWorksheetAsync(team.MeetingId, ("Acme", "Surprises", "Key", null));
        await factory.CreateClientFor(team.RepIds[1]).SaveWorksheetAsync(team.MeetingId, ("acme", "Expectations", "Key", null));

        var page = await factory.CreateClientFor(team.ManagerId).GetDocumentAsync($"/teams/{team.TeamId}/customers");

        var acme = Card(page, "Acme");
        Assert.Contains("Service Expectations", acme.QuerySelector(".customer-zone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Service Expectations at November meeting"], acme.QuerySelectorAll(".zone-history .zone-badge").Select(b => b.GetAttribute("aria-label")));
        Assert.Contains("Rep 1, Rep 2", acme.QuerySelector(".customer-reps")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cafe", "Café Noir")]
    [InlineData("CAFÉ  noir", "Café Noir")]
    [InlineData("  acMe ", "Acme")]
    public async Task SearchMatchesPartOfTheNameIgnoringCaseAccentsAndSpacing(string search, string expected)
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync($"{world.Url}?q={Uri.EscapeDataString(search)}");

        Assert.Equal([expected], Names(page));
        Assert.Equal("1 customer matches", Count(page));
        Assert.Equal(search, page.QuerySelector<IHtmlInputElement>("#filter-q")!.Value);
    }

    [Fact]
    public async Task FilteringByZoneAndOpenFollowUpAndSortingByZoneAreKeptInTheFormForTheNextVisit()
    {
        var world = await TwoMeetingsAsync();
        var manager = factory.CreateClientFor(world.Team.ManagerId);

        var recovery = await manager.GetDocumentAsync($"{world.Url}?zone=Recovery");
        var expectations = await manager.GetDocumentAsync($"{world.Url}?zone=Expectations&sort=Name");
        var open = await manager.GetDocumentAsync($"{world.Url}?open=true");
        var byZone = await manager.GetDocumentAsync($"{world.Url}?sort=Zone");

        Assert.Equal(["Acme", "Café Noir"], Names(recovery));
        Assert.Equal("2 customers match", Count(recovery));
        Assert.Equal("Recovery", recovery.QuerySelector<IHtmlSelectElement>("#filter-zone")!.Value);
        Assert.Equal(["Delta"], Names(expectations));
        Assert.Equal(["Acme", "Café Noir"], Names(open));
        Assert.True(open.QuerySelector<IHtmlInputElement>("#filter-open")!.IsChecked);
        Assert.Equal(["Acme", "Café Noir", "Delta", "Beta"], Names(byZone));
        Assert.Equal("Zone", byZone.QuerySelector<IHtmlSelectElement>("#filter-sort")!.Value);
    }

    [Fact]
    public async Task TheFiltersAreAGetFormSoTheUrlCarriesThem()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync(world.Url);

        var form = page.QuerySelector<IHtmlFormElement>("#customer-filters")!;
        Assert.Equal("get", form.Method, ignoreCase: true);
        Assert.Equal(["q", "zone", "sort", "open"], form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).Where(n => n is not null));
    }

    [Fact]
    public async Task NothingMatchingSaysSoWithACountOfNone()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync($"{world.Url}?q=zebra&zone=Surprises");

        Assert.Empty(Names(page));
        Assert.Equal("0 customers match", Count(page));
        Assert.StartsWith("No customers match", page.QuerySelector("#no-customers")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepSeesOnlyCustomersTheyListNowOrBeforeWithTheirOwnZoneAndNoteAndNothingOfAnotherRep()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.RepIds[0]).GetDocumentAsync(world.Url);

        Assert.Equal(["Acme", "Beta", "Café Noir"], Names(page));
        var acme = Card(page, "Acme");
        Assert.Contains("Service Expectations", acme.QuerySelector(".customer-zone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Service Expectations at November meeting"], acme.QuerySelectorAll(".zone-history .zone-badge").Select(b => b.GetAttribute("aria-label")));
        Assert.Contains("renewal due", acme.TextContent, StringComparison.Ordinal);
        // Acme's follow-up is rep 2's: rep 1 cannot open it, so it is not theirs to see.
        Assert.Contains("none open", acme.QuerySelector(".customer-followup")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(Card(page, "Café Noir").QuerySelector(".customer-followup a"));
        var text = page.Body!.TextContent;
        foreach (var leak in new[] { "Delta", "invoice errors", "still waiting", "quiet lately", "Rep 2" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }

        Assert.Empty(page.QuerySelectorAll(".customer-reps"));
    }

    [Fact]
    public async Task ARepWhoHasListedNobodySeesAnEmptyListNotTheTeams()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.RepIds[2]).GetDocumentAsync(world.Url);

        Assert.Empty(Names(page));
        Assert.Equal("0 customers", Count(page));
        Assert.Contains("You have not listed a customer yet.", page.QuerySelector("#no-customers")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNameLinksToItsHistoryForAManagerAndForTheRepWhoListsIt()
    {
        var world = await TwoMeetingsAsync();

        var manager = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync(world.Url);
        var rep = await factory.CreateClientFor(world.Team.RepIds[0]).GetDocumentAsync(world.Url);

        var acmeHistory = $"{world.Url}/{world.Acme}";
        Assert.Equal(acmeHistory, Card(manager, "Acme").QuerySelector(".customer-name a")!.GetAttribute("href"));
        Assert.Equal(4, manager.QuerySelectorAll("#customer-list .customer-name a").Length);
        Assert.Equal(acmeHistory, Card(rep, "Acme").QuerySelector(".customer-name a")!.GetAttribute("href"));
        Assert.Equal(3, rep.QuerySelectorAll("#customer-list .customer-name a").Length);
    }

    [Fact]
    public async Task AnotherTeamsMemberGetsNotFoundAndTheirOwnListShowsNothingOfTheVictimsWhateverTheQueryString()
    {
        var world = await TwoMeetingsAsync();
        var attacker = await factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        var manager = factory.CreateClientFor(attacker.ManagerId);
        var rep = factory.CreateClientFor(attacker.RepIds[0]);

        using var asManager = await manager.GetAsync(world.Url);
        using var asRep = await rep.GetAsync($"{world.Url}?q=acme");
        var own = await manager.GetDocumentAsync($"/teams/{attacker.TeamId}/customers?teamId={world.Team.TeamId}&id={world.Team.TeamId}&q=acme");

        Assert.Equal(HttpStatusCode.NotFound, asManager.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asRep.StatusCode);
        Assert.DoesNotContain("Acme", await asRep.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Names(own));
        Assert.Equal("0 customers match", Count(own));
    }

    [Theory]
    [InlineData("zone=7", "#filter-zone-error", "Pick a zone from the list.")]
    [InlineData("zone=Purple", "#filter-zone-error", "Pick a zone from the list.")]
    [InlineData("open=maybe", "#filter-open-error", "Tick the box or leave it clear.")]
    [InlineData("sort=Size", "#filter-sort-error", "Sort by name or by zone.")]
    [InlineData("sort=9", "#filter-sort-error", "Sort by name or by zone.")]
    [InlineData("q=acme%E2%80%AE", "#filter-q-error", "The name")]
    [InlineData("q=a%00b", "#filter-q-error", "The name")]
    public async Task ACraftedValueIsAnsweredBesideItsFieldAndTheRestOfTheListStillShows(string query, string error, string message)
    {
        var world = await TwoMeetingsAsync();

        using var response = await factory.CreateClientFor(world.Team.ManagerId).GetAsync($"{world.Url}?{query}");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, page.QuerySelector(error)!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#result-count"));
    }

    [Fact]
    public async Task ATooLongSearchIsRefusedBesideTheFieldAndKeptAsTyped()
    {
        var world = await TwoMeetingsAsync();
        var search = new string('a', 101);

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync($"{world.Url}?q={search}");

        Assert.Contains("at most 100 characters", page.QuerySelector("#filter-q-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(search, page.QuerySelector<IHtmlInputElement>("#filter-q")!.Value);
    }

    [Fact]
    public async Task TheTeamPageLinksTheManagerToTheList()
    {
        var world = await TwoMeetingsAsync();

        var page = await factory.CreateClientFor(world.Team.ManagerId).GetDocumentAsync($"/teams/{world.Team.TeamId}");

        Assert.Equal(world.Url, page.QuerySelector("#customers-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheListTakesTheSameFewQueriesForABigTeamAsForASmallOne()
    {
        var small = await factory.CreateTeamAsync(reps: 1);
        await SeedAsync(factory, small, customersPerRep: 1, meetings: 1);
        var big = await factory.CreateTeamAsync(reps: 6);
        await SeedAsync(factory, big, customersPerRep: 10, meetings: 5);
        var commands = new CommandCount();
        using var counted = CountingCommands(factory, commands);

        var forSmall = await QueriesAsync(counted, commands, small.ManagerId, $"/teams/{small.TeamId}/customers");
        var forBig = await QueriesAsync(counted, commands, big.ManagerId, $"/teams/{big.TeamId}/customers?sort=Zone");
        var forBigRep = await QueriesAsync(counted, commands, big.RepIds[0], $"/teams/{big.TeamId}/customers?q=customer");

        // The membership lookup, the entries, the open follow-ups: nothing per customer, rep or meeting.
        Assert.InRange(forSmall, 1, 3);
        Assert.Equal(forSmall, forBig);
        Assert.Equal(forSmall, forBigRep);
    }

    private static async Task<int> QueriesAsync(WebApplicationFactory<Program> app, CommandCount commands, string userId, string url)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, userId);
        var before = commands.Count;
        var page = await client.GetDocumentAsync(url);
        Assert.NotEmpty(Names(page));
        return commands.Count - before;
    }

    /// <summary>The same app and database with every EF command counted (this host only: other tests run meanwhile).</summary>
    internal static WebApplicationFactory<Program> CountingCommands(ZonePollFactory factory, CommandCount commands) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            // On PostgreSQL the pool is registered for the derived context, whose options are its own.
            services.ConfigureDbContext<ZonePoll.Web.Data.ZonePollDbContext>(options => options.AddInterceptors(commands));
            services.ConfigureDbContext<ZonePoll.Web.Data.PostgresZonePollDbContext>(options => options.AddInterceptors(commands));
        }));

    internal sealed class CommandCount : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        // The e-mail and chat senders poll their queues in the background of the same host: not the page's queries.
        private void Tally(DbCommand command)
        {
            var text = command.CommandText;
            if (!text.Contains("ChatMessages", StringComparison.Ordinal) && !text.Contains("EmailOutbox", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Tally(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Tally(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>
    /// Worksheets written straight to the database, as many as a big team has: each rep lists their own customers
    /// at every meeting, the zones turning over from one meeting to the next.
    /// </summary>
    internal static Task SeedAsync(ZonePollFactory factory, TeamSetup team, int customersPerRep, int meetings) =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var meetingIds = new List<int> { team.MeetingId };
            for (var m = 1; m < meetings; m++)
            {
                var meeting = new ZonePoll.Web.Meetings.Meeting
                {
                    TeamId = team.TeamId,
                    Title = $"Meeting {m + 1}",
                    Date = new DateOnly(2026, 11, 26).AddDays(-7 * m),
                    Status = ZonePoll.Web.Meetings.MeetingStatus.Locked,
                    CreatedAt = now,
                };
                db.Meetings.Add(meeting);
                await db.SaveChangesAsync();
                meetingIds.Add(meeting.Id);
            }

            var customers = new List<ZonePoll.Web.Teams.Customer>();
            for (var r = 0; r < team.RepIds.Count; r++)
            {
                for (var c = 0; c < customersPerRep; c++)
                {
                    var name = $"Customer {r + 1}-{c + 1}";
                    customers.Add(new ZonePoll.Web.Teams.Customer
                    {
                        TeamId = team.TeamId,
                        Name = name,
                        NormalizedName = ZonePoll.Web.Teams.Customer.Normalize(name),
                    });
                }
            }

            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            for (var m = 0; m < meetingIds.Count; m++)
            {
                for (var r = 0; r < team.RepIds.Count; r++)
                {
                    var worksheet = new ZonePoll.Web.Worksheets.Worksheet { MeetingId = meetingIds[m], RepId = team.RepIds[r], UpdatedAt = now };
                    for (var c = 0; c < customersPerRep; c++)
                    {
                        var customer = customers[(r * customersPerRep) + c];
                        worksheet.Entries.Add(new ZonePoll.Web.Worksheets.Entry
                        {
                            Position = c,
                            CustomerId = customer.Id,
                            CustomerName = customer.Name,
                            Zone = (ZonePoll.Web.Worksheets.Zone)((c + m) % 3),
                            AccountType = ZonePoll.Web.Worksheets.AccountType.Standard,
                            Note = $"note {m}",
                        });
                    }

                    db.Worksheets.Add(worksheet);
                }
            }

            await db.SaveChangesAsync();
            return true;
        });
}
