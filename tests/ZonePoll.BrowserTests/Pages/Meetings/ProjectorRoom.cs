using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.BrowserTests.Pages.Meetings;

/// <summary>
/// A team of 50 reps with long customer names over two meetings, written straight to the database (registering 50 reps
/// in a browser would take minutes): every kind of move, a lost customer per rep, the longest prompt allowed, revealed.
/// Harbor Foods is the case: the first rep (Ana Okafor) moves it from Recovery to Surprises while the second
/// (Ben Okafor) lists it in Expectations, so the team counts it Recovery to Expectations.
/// </summary>
public sealed record ProjectorRoom(string ManagerId, int MeetingId, string LongestPrompt)
{
    public const int Reps = 50;

    /// <param name="app">The app to seed.</param>
    /// <param name="lost">How many customers are lost (a rep's tenth each, from the third rep on); at most 48.</param>
    public static async Task<ProjectorRoom> SeedAsync(ZonePollFactory app, int lost = Reps - 2)
    {
        var team = await app.CreateTeamAsync(reps: Reps);
        var october = await app.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 10, 29), "October meeting", MeetingStatus.Locked);
        var longestPrompt = string.Concat(Enumerable.Repeat("Which Recovery customer did we answer slowest, and what would have made it faster? ", 5))
            [..MeetingPrompt.TextMaxLength];
        await app.WithDbAsync(async db =>
        {
            // 500 names as a sales team's look, some of them long: every place with every kind of business, then Harbor.
            var customers = Places.SelectMany(place => Kinds.Select(kind => $"{place} {kind}"))
                .Append("Harbor Foods")
                .Select(name => new Customer { TeamId = team.TeamId, Name = name, NormalizedName = name.ToLowerInvariant() })
                .ToList();
            for (var rep = 0; rep < Reps; rep++)
            {
                var id = team.RepIds[rep];
                var user = await db.Users.SingleAsync(u => u.Id == id);
                user.DisplayName = $"{FirstNames[rep % FirstNames.Length]} {LastNames[rep / FirstNames.Length]}";
            }

            db.AddRange(customers);
            await db.SaveChangesAsync();
            var harbor = customers[^1];
            var now = DateTimeOffset.UtcNow;
            for (var rep = 0; rep < Reps; rep++)
            {
                var own = customers.Skip(rep * 10).Take(10).ToList();
                var before = new Worksheet { MeetingId = october, RepId = team.RepIds[rep], Version = 1, UpdatedAt = now };
                var after = new Worksheet { MeetingId = team.MeetingId, RepId = team.RepIds[rep], Version = 1, UpdatedAt = now };
                for (var i = 0; i < 10; i++)
                {
                    // Last time i % 3, now shifted by the rep: every cell of the matrix gets customers.
                    var was = (Zone)(i % 3);
                    before.Entries.Add(Entry(i, own[i], was));
                    if (i == 9 && rep - 2 < lost)
                    {
                        // The tenth is lost: on no list now.
                        var reason = rep % 2 == 0 ? DropReason.LostToCompetitor : DropReason.StoppedBuying;
                        after.Drops.Add(new Drop { CustomerId = own[i].Id, Reason = reason, LastZone = was });
                        continue;
                    }

                    after.Entries.Add(Entry(i, own[i], (Zone)((i + rep) % 3)));
                }

                if (rep == 0)
                {
                    before.Entries[9] = Entry(9, harbor, Zone.Recovery, AccountType.Key);
                    after.Drops.Clear();
                    after.Entries.Add(Entry(9, harbor, Zone.Surprises, AccountType.Key));
                }
                else if (rep == 1)
                {
                    after.Drops.Clear();
                    after.Entries.Add(Entry(9, harbor, Zone.Expectations, AccountType.Key));
                }

                db.Worksheets.AddRange(before, after);
            }

            await db.SaveChangesAsync();
            var prompt = await db.Set<MeetingPrompt>().Where(p => p.MeetingId == team.MeetingId).OrderBy(p => p.Position).FirstAsync();
            prompt.Text = longestPrompt;
            await db.Meetings.Where(m => m.Id == team.MeetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ResultsRevealed, true));
            return await db.SaveChangesAsync();
        });
        await app.TalliesChangedAsync(team.TeamId);
        return new ProjectorRoom(team.ManagerId, team.MeetingId, longestPrompt);
    }

    private static readonly string[] Places =
    [
        "Northwind", "Blue River", "Summit", "Oakridge", "Lakeside", "Pioneer", "Redwood", "Silverline", "Granite", "Meadowbrook",
        "Cedar Valley", "Ironbridge", "Westfield", "Brightwater", "Kingsport", "Maple Grove", "Stonegate", "Riverside", "Fairhaven", "Elmwood",
        "Copperfield", "Highland", "Seabrook", "Ashford", "Willowdale",
    ];

    private static readonly string[] Kinds =
    [
        "Foods", "Clinic", "Logistics", "Regional Health Partners Cooperative", "Engineering", "Dental Group", "Hardware", "Bakery",
        "Builders Supply", "Veterinary Hospital", "Print & Packaging", "Hotel", "Community College", "Auto Parts", "Law Office",
        "Garden Centre", "Pharmacy", "Brewing Company", "Property Management and Facilities Services", "Sports Club",
    ];

    private static readonly string[] FirstNames = ["Ana", "Ben", "Chiara", "Dev", "Emeka", "Fatima", "Gus", "Hana", "Ivan", "Josefina"];

    private static readonly string[] LastNames = ["Okafor", "Lindqvist", "Moreno-Castellanos", "Nakamura", "Walsh"];

    private static Entry Entry(int position, Customer customer, Zone zone, AccountType type = AccountType.Standard) =>
        new() { Position = position, CustomerId = customer.Id, CustomerName = customer.Name, Zone = zone, AccountType = type };

    /// <summary>A browser signed in as the manager through the test sign-in header, at the given screen size.</summary>
    public Task<IBrowserContext> ManagerContextAsync(IBrowser browser, Uri baseAddress, int width, int height) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = ManagerId },
        });
}
