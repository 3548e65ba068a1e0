using Microsoft.AspNetCore.Identity;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Demo;

/// <summary>
/// Development only: a demo team to click around in. Re-runnable: it does nothing once the demo manager exists.
/// </summary>
public sealed partial class DemoSeeder(ZonePollDbContext db, UserManager<AppUser> users, WorksheetSaver saver, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string Password = "zonepoll-demo";
    public const string ManagerEmail = "manager@demo.zonepoll";

    private static readonly string[] RepNames = ["Ana Souza", "Ben Okafor", "Chloé Martin", "Dev Patel", "Emma Larsen"];

    private static readonly (string Name, Zone Zone, AccountType Type, string? Note)[] Customers =
    [
        ("Müller GmbH", Zone.Recovery, AccountType.Key, "Late delivery twice in October; called them, fix promised by Friday."),
        ("Zoë's Bakery", Zone.Surprises, AccountType.New, "Loved the same-day install."),
        ("Harbor Logistics", Zone.Expectations, AccountType.Growth, null),
        ("Acme Corp", Zone.Expectations, AccountType.Standard, null),
        ("日本商事", Zone.Surprises, AccountType.Key, "Referred us to a sister company."),
        ("Blue River Clinic", Zone.Recovery, AccountType.Growth, "Invoice errors; waiting on finance."),
        ("Northgate School", Zone.Expectations, AccountType.Standard, null),
        ("Pine & Co", Zone.Surprises, AccountType.Growth, null),
        ("Sunrise Hotels", Zone.Expectations, AccountType.Key, "Wants a quarterly review."),
        ("Lakeside Dental", Zone.Recovery, AccountType.New, "Onboarding took three weeks."),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(ManagerEmail) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var manager = await CreateUserAsync(ManagerEmail, "Morgan Manager");
        var team = new Team { Name = "Demo sales team", CreatedAt = now };
        team.Members.Add(new TeamMember { UserId = manager.Id, Role = TeamRole.Manager, JoinedAt = now });
        var reps = new List<AppUser>();
        for (var i = 0; i < RepNames.Length; i++)
        {
            var rep = await CreateUserAsync($"rep{i + 1}@demo.zonepoll", RepNames[i]);
            reps.Add(rep);
            team.Members.Add(new TeamMember { UserId = rep.Id, Role = TeamRole.Rep, JoinedAt = now });
        }

        db.Teams.Add(team);
        var meeting = new Meeting
        {
            Team = team,
            Title = "Monthly sales meeting",
            Date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(2),
            Status = MeetingStatus.Open,
            CreatedAt = now,
        };
        meeting.Prompts.AddRange(DefaultPrompts.Create());
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);

        // The last rep has not submitted yet, so the dashboard shows someone to chase.
        for (var r = 0; r < reps.Count - 1; r++)
        {
            var entries = Customers
                .Select((c, i) => (c, i))
                .Where(x => (x.i + r) % 4 != 3)
                .Select((x, position) => Demo(position, x.c, RotateZone(x.c.Zone, r)))
                .ToList();
            await saver.SaveAsync(meeting.Id, team.Id, meeting.Date, reps[r].Id, 0, entries, [], cancellationToken);
        }

        LogSeeded(logger, ManagerEmail, Password);
    }

    // A little of everything the tally shows: a pinch inside Expectations and the Three R's behind Recovery.
    private static CleanEntry Demo(int position, (string Name, Zone Zone, AccountType Type, string? Note) c, Zone zone) => new(
        position,
        c.Name,
        Customer.Normalize(c.Name),
        zone,
        c.Type,
        c.Note,
        Pinched: zone == Zone.Expectations && c.Note is not null,
        Causes: zone switch
        {
            Zone.Recovery when c.Type == AccountType.Key => ThreeRs.Reliability | ThreeRs.Responsiveness,
            Zone.Recovery => ThreeRs.Responsiveness,
            _ => ThreeRs.None,
        });

    private static Zone RotateZone(Zone zone, int rep) => rep % 3 == 2 && zone == Zone.Expectations ? Zone.Surprises : zone;

    private async Task<AppUser> CreateUserAsync(string email, string displayName)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Demo data seeded. Sign in as {Email} (manager) or rep1@demo.zonepoll … rep5@demo.zonepoll, password '{Password}'.")]
    private static partial void LogSeeded(ILogger logger, string email, string password);
}
