using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// The real app over a database of its own (migrated for real at start-up), deleted on dispose: a SQLite file, or
/// a PostgreSQL database when the tests run on that (<see cref="TestDatabases"/>).
/// Requests may sign in through the Identity pages, or name a user in <see cref="TestAuthHandler.Header"/>.
/// </summary>
public class ZonePollFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _keepFiles;

    public ZonePollFactory()
        : this(NewFolder(), keepFiles: false, TestDatabases.DefaultProvider)
    {
    }

    protected ZonePollFactory(string folder, bool keepFiles, DatabaseProvider provider, string? redis = null)
    {
        _folder = folder;
        _keepFiles = keepFiles;
        Provider = provider;
        Redis = redis;
        Directory.CreateDirectory(_folder);
    }

    /// <summary>
    /// Over an existing folder (and its database), as a restarted app would be; <paramref name="keepFiles"/> leaves
    /// both for the next one. <paramref name="provider"/> pins the engine for what only SQLite has, such as its file.
    /// With <paramref name="redis"/>, the hub's messages go through that Redis, as with several instances.
    /// </summary>
    public static ZonePollFactory OverFolder(string folder, bool keepFiles, DatabaseProvider? provider = null, string? redis = null) =>
        new(folder, keepFiles, provider ?? TestDatabases.DefaultProvider, redis);

    /// <summary>A fresh app on SQLite whatever the run's engine, for what only SQLite has (its file, its backup).</summary>
    public static ZonePollFactory OnSqlite() => new(NewFolder(), keepFiles: false, DatabaseProvider.Sqlite);

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "zonepoll-tests", Guid.NewGuid().ToString("n"));

    public DatabaseProvider Provider { get; }

    /// <summary>The Redis connection string of the SignalR backplane, or null for none.</summary>
    public string? Redis { get; }

    /// <summary>The SQLite file; on PostgreSQL, nothing is there.</summary>
    public string DatabasePath => Path.Combine(_folder, "zonepoll.db");

    public string ConnectionString => Provider == DatabaseProvider.PostgreSQL
        ? TestDatabases.PostgresDatabase(_folder)
        : $"Data Source={DatabasePath}";

    /// <summary>Sign-in attempts a minute per address; the rate-limit test lowers it.</summary>
    protected virtual int SignInPerMinute => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        builder.UseSetting(DatabaseSetup.ProviderKey, Provider.ToString());
        builder.UseSetting("ConnectionStrings:ZonePoll", ConnectionString);
        builder.UseSetting("RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Scheduled e-mail runs only when a test ticks it at the instant it names: on the real clock it would queue
        // digests into whichever test's database had an overdue follow-up at 08:00 UTC.
        builder.UseSetting("Email:ScheduleSeconds", "0");
        if (Redis is not null)
        {
            builder.UseSetting(ZonePoll.Web.Tally.TallyEndpoints.RedisKey, Redis);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = TestAuthHandler.SelectorScheme;
                    options.DefaultAuthenticateScheme = TestAuthHandler.SelectorScheme;
                    options.DefaultChallengeScheme = TestAuthHandler.SelectorScheme;
                })
                .AddPolicyScheme(TestAuthHandler.SelectorScheme, null, options =>
                    options.ForwardDefaultSelector = context =>
                        context.Request.Headers.ContainsKey(TestAuthHandler.Header) ? TestAuthHandler.SchemeName : IdentityConstants.ApplicationScheme)
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        });
    }

    /// <summary>A client signed in as <paramref name="userId"/>, keeping cookies, not following redirects.</summary>
    public HttpClient CreateClientFor(string userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, userId);
        return client;
    }

    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<ZonePollDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ZonePollDbContext>());
    }

    public async Task<string> CreateUserAsync(string displayName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{Guid.NewGuid():n}@test.zonepoll";
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName };
        var result = await users.CreateAsync(user, "correct horse battery");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>A team with a manager and reps, and one meeting in the given status.</summary>
    public async Task<TeamSetup> CreateTeamAsync(int reps = 2, MeetingStatus status = MeetingStatus.Open, string teamName = "Sales North")
    {
        var managerId = await CreateUserAsync("Maria Manager");
        var repIds = new List<string>();
        for (var i = 0; i < reps; i++)
        {
            repIds.Add(await CreateUserAsync($"Rep {i + 1}"));
        }

        return await WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var team = new Team { Name = teamName, CreatedAt = now };
            team.Members.Add(new TeamMember { UserId = managerId, Role = TeamRole.Manager, JoinedAt = now });
            team.Members.AddRange(repIds.Select(id => new TeamMember { UserId = id, Role = TeamRole.Rep, JoinedAt = now }));
            var meeting = new Meeting { Team = team, Title = "November meeting", Date = new DateOnly(2026, 11, 26), Status = status, CreatedAt = now };
            meeting.Prompts.AddRange(DefaultPrompts.Create());
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return new TeamSetup(team.Id, meeting.Id, managerId, repIds);
        });
    }

    /// <summary>
    /// For a test that changed the database directly: bumps the team's tally versions as the app's own change paths
    /// do, so tally.json serves a fresh snapshot rather than the cached one.
    /// </summary>
    public Task TalliesChangedAsync(int teamId) =>
        WithDbAsync(async db =>
        {
            // Worksheets and the roster too: a cached snapshot re-reads only the worksheets whose version moved, and the
            // reps' names only when the team's roster version did (a test may have renamed them).
            await db.Worksheets.Where(w => w.Meeting!.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version + 1));
            await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RosterVersion, t => t.RosterVersion + 1));
            return await db.Meetings.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.TallyVersion, m => m.TallyVersion + 1)
                .SetProperty(m => m.WorksheetsVersion, m => m.WorksheetsVersion + 1));
        });

    /// <summary>Runs <paramref name="work"/> as the worksheet writer does: on an open connection, inside a transaction it commits.</summary>
    public async Task<T> AsTheWriterAsync<T>(Func<ZonePollDbContext, IDbContextTransaction, T> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZonePollDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = work(db, transaction);
        await transaction.CommitAsync();
        return result;
    }

    public Task<int> CustomerIdAsync(int teamId, string normalizedName) =>
        WithDbAsync(db => db.Customers.Where(c => c.TeamId == teamId && c.NormalizedName == normalizedName).Select(c => c.Id).SingleAsync());

    /// <summary>Another meeting of the team (default: open, a month after the first).</summary>
    public Task<int> CreateMeetingAsync(int teamId, DateOnly date, string title = "December meeting", MeetingStatus status = MeetingStatus.Open) =>
        WithDbAsync(async db =>
        {
            var meeting = new Meeting { TeamId = teamId, Title = title, Date = date, Status = status, CreatedAt = DateTimeOffset.UtcNow };
            meeting.Prompts.AddRange(DefaultPrompts.Create());
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return meeting.Id;
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_keepFiles)
        {
            if (Provider == DatabaseProvider.PostgreSQL)
            {
                TestDatabases.DropPostgresDatabase(ConnectionString);
            }

            // Pooled connections keep the file open; release them before deleting it.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A late background connection; the OS temp cleaner gets it.
            }
        }
    }
}

public sealed record TeamSetup(int TeamId, int MeetingId, string ManagerId, IReadOnlyList<string> RepIds);
