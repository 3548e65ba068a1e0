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
/// Harbor Foods is the case: Rep 1 moves it from Recovery to Surprises while Rep 2 lists it in Expectations.
/// </summary>
public sealed record ProjectorRoom(string ManagerId, int MeetingId, string LongestPrompt)
{
    public const int Reps = 50;

    public static async Task<ProjectorRoom> SeedAsync(ZonePollFactory app)
    {
        var team = await app.CreateTeamAsync(reps: Reps);
        var october = await app.CreateMeetingAsync(team.TeamId, new DateOnly(2026, 10, 29), "October meeting", MeetingStatus.Locked);
        var longestPrompt = string.Concat(Enumerable.Repeat("Which Recovery customer did we answer slowest, and what would have made it faster? ", 5))[..MeetingPrompt.TextMaxLength];
        await app.WithDbAsync(async db =>
        {
            var customers = Enumerable.Range(0, (Reps * 10) + 1)
                .Select(i => i == Reps * 10 ? "Harbor Foods" : $"Northwind Regional Health Partners Cooperative {i / 10:D2}-{i % 10}")
                .Select(name => new Customer { TeamId = team.TeamId, Name = name, NormalizedName = name.ToLowerInvariant() })
                .ToList();
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
                    if (i == 9)
                    {
                        // The tenth is lost: on no list now.
                        after.Drops.Add(new Drop { CustomerId = own[i].Id, Reason = rep % 2 == 0 ? DropReason.LostToCompetitor : DropReason.StoppedBuying, LastZone = was });
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
