using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ZonePoll.Web.Email;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Data;

// One model, two providers, each with its own migrations. Add a migration to both with:
//   dotnet ef migrations add <Name> --project src/ZonePoll.Web --context ZonePollDbContext --output-dir Data/Migrations
//   dotnet ef migrations add <Name> --project src/ZonePoll.Web --context PostgresZonePollDbContext --output-dir Data/Migrations/PostgreSQL
public class ZonePollDbContext : IdentityUserContext<AppUser>, IDataProtectionKeyContext
{
    public ZonePollDbContext(DbContextOptions<ZonePollDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgresZonePollDbContext"/>, whose type is what keeps its migrations apart.</summary>
    protected ZonePollDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingPrompt> MeetingPrompts => Set<MeetingPrompt>();
    public DbSet<MeetingAction> MeetingActions => Set<MeetingAction>();
    public DbSet<Worksheet> Worksheets => Set<Worksheet>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<Drop> Drops => Set<Drop>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<FollowUpChange> FollowUpChanges => Set<FollowUpChange>();
    public DbSet<OutboxMessage> EmailOutbox => Set<OutboxMessage>();
    public DbSet<EmailOptOut> EmailOptOuts => Set<EmailOptOut>();

    /// <summary>The sign-in keys, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        builder.Entity<AppUser>().Property(u => u.TimeZone).HasMaxLength(AppUser.TimeZoneMaxLength);
        builder.ApplyConfigurationsFromAssembly(typeof(ZonePollDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks. PostgreSQL stores them the same
        // way, so both providers order, compare and hand-written SQL bind timestamps alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Zone>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AccountType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DropReason>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<TeamRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MeetingStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FollowUpCause>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FollowUpClosure>().HaveConversion<string>().HaveMaxLength(16);
    }
}
