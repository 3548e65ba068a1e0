using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Bench;

/// <summary>
/// A throw-away database with a team of the size a benchmark asks for: a SQLite file, or, given a PostgreSQL server
/// (<c>--postgres "Host=...;Username=..."</c>), a database of its own there, dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IDisposable
{
    public const string Password = "bench-password";

    private readonly string? _postgresServer;

    public BenchDatabase(string? postgresServer = null)
    {
        _postgresServer = postgresServer;
        Folder = Path.Combine(Path.GetTempPath(), "zonepoll-bench", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Folder);
        ConnectionString = postgresServer is null
            ? $"Data Source={Path.Combine(Folder, "zonepoll.db")}"
            : new NpgsqlConnectionStringBuilder(postgresServer) { Database = "zp_bench_" + Path.GetFileName(Folder), MaxPoolSize = 100 }.ConnectionString;
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public bool OnPostgres => _postgresServer is not null;

    /// <summary>What the app needs told to open this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Database__Provider"] = OnPostgres ? "PostgreSQL" : "Sqlite",
        ["ConnectionStrings__ZonePoll"] = ConnectionString,
    };

    private DbContextOptions<ZonePollDbContext>? _options;
    private DbContextOptions<PostgresZonePollDbContext>? _postgresOptions;

    // Built once, as the app's container does: building options per context is not what a request pays.
    public ZonePollDbContext Open() => OnPostgres
        ? new PostgresZonePollDbContext(_postgresOptions ??= new DbContextOptionsBuilder<PostgresZonePollDbContext>().UseNpgsql(ConnectionString).Options)
        : new ZonePollDbContext(_options ??= new DbContextOptionsBuilder<ZonePollDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>
    /// A team with <paramref name="reps"/> reps and a manager, <paramref name="meetings"/> monthly meetings (the
    /// last one open, the others locked); the first <paramref name="filledReps"/> reps have ten entries in each.
    /// </summary>
    public async Task<BenchTeam> SeedAsync(int reps, int filledReps, int meetings = 2)
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        if (!OnPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }


        // One hash for everyone: hashing is deliberately slow and the password is the same.
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password);
        var users = Enumerable.Range(0, reps + 1).Select(i =>
        {
            var email = i == 0 ? "manager@bench.zonepoll" : $"rep{i:D4}@bench.zonepoll";
            return new AppUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = i == 0 ? "Bench Manager" : $"Bench Rep {i:D4}",
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            };
        }).ToList();
        db.Users.AddRange(users);

        var now = DateTimeOffset.UtcNow;
        var team = new Team { Name = "Bench team", CreatedAt = now };
        team.Members.AddRange(users.Select((u, i) => new TeamMember { UserId = u.Id, Role = i == 0 ? TeamRole.Manager : TeamRole.Rep, JoinedAt = now }));
        var all = Enumerable.Range(0, meetings).Select(i =>
        {
            var date = new DateOnly(2026, 11, 26).AddMonths(i - meetings + 1);
            var last = i == meetings - 1;
            var m = new Meeting
            {
                Team = team,
                Title = date.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
                Date = date,
                Status = last ? MeetingStatus.Open : MeetingStatus.Locked,
                ResultsRevealed = last,
                CreatedAt = now,
            };
            m.Prompts.AddRange(DefaultPrompts.Create());
            return m;
        }).ToList();
        db.Meetings.AddRange(all);
        var meeting = all[^1];

        // Each rep has nine accounts of their own and one from a pool of big accounts that several reps share.
        var sharedPool = Math.Max(1, filledReps / 5);
        var customers = Enumerable.Range(0, sharedPool + (filledReps * 9))
            .Select(i => new Customer { Name = $"Customer {i:D5}", NormalizedName = $"customer {i:D5}" })
            .ToList();
        await db.SaveChangesAsync();
        customers.ForEach(c => c.TeamId = team.Id);
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();

        var random = new Random(42);
        foreach (var m in all)
        {
            for (var r = 1; r <= filledReps; r++)
            {
                var worksheet = new Worksheet { MeetingId = m.Id, RepId = users[r].Id, Version = 1, UpdatedAt = now };
                var own = Enumerable.Range(sharedPool + ((r - 1) * 9), 9);
                var picked = own.Append(random.Next(sharedPool)).ToList();
                worksheet.Entries.AddRange(picked.Select((c, position) => new Entry
                {
                    Position = position,
                    CustomerId = customers[c].Id,
                    CustomerName = customers[c].Name,
                    Zone = (Zone)random.Next(3),
                    AccountType = (AccountType)random.Next(4),
                    Note = random.Next(4) == 0 ? "Followed up by phone; waiting on a reply from their purchasing team." : null,
                }));
                db.Worksheets.Add(worksheet);
            }
        }

        await db.SaveChangesAsync();
        return new BenchTeam(team.Id, meeting.Id, users[0].Email!, [.. users.Skip(1).Select(u => (u.Email!, u.DisplayName))]);
    }

    /// <summary>
    /// One open follow-up per customer the meeting's lists put in Recovery, owned by the first rep who did, as saves
    /// open them: the couple of thousand a 500-rep room's tally reads beside its entries.
    /// </summary>
    public async Task<List<int>> AddFollowUpsAsync(BenchTeam team)
    {
        await using var db = Open();
        var meeting = await db.Meetings.SingleAsync(m => m.Id == team.MeetingId);
        var recovery = await db.Worksheets
            .Where(w => w.MeetingId == team.MeetingId)
            .SelectMany(w => w.Entries.Where(e => e.Zone == Zone.Recovery), (w, e) => new { e.CustomerId, w.RepId })
            .ToListAsync();
        var followUps = recovery
            .DistinctBy(e => e.CustomerId)
            .Select(e => new FollowUp
            {
                TeamId = team.TeamId,
                CustomerId = e.CustomerId,
                OwnerId = e.RepId,
                Cause = FollowUpCause.Recovery,
                OpenedMeetingId = meeting.Id,
                OpenedOn = meeting.Date,
                DueOn = FollowUpClock.AddWorkingDays(meeting.Date, FollowUpClock.DefaultDueWorkingDays),
                Version = 1,
            })
            .ToList();
        db.FollowUps.AddRange(followUps);
        await db.SaveChangesAsync();
        return [.. followUps.Select(f => f.Id)];
    }

    public void Dispose()
    {
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_postgresServer);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

internal sealed record BenchTeam(int TeamId, int MeetingId, string ManagerEmail, IReadOnlyList<(string Email, string Name)> Reps);
