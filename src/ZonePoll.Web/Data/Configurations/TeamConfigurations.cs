using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
        builder.Property(t => t.InviteToken).HasMaxLength(64);
        builder.HasIndex(t => t.InviteToken).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.InvitedById).OnDelete(DeleteBehavior.SetNull);
        builder.Property(t => t.Cadence).HasConversion<string>().HasMaxLength(16).HasDefaultValue(TeamCadence.Monthly).HasSentinel((TeamCadence)(-1));
        builder.Property(t => t.TimeZone).HasMaxLength(Team.TimeZoneMaxLength).HasDefaultValue(Team.DefaultTimeZone);
        builder.ToTable(t => t.HasCheckConstraint("CK_Teams_Cadence", "\"Cadence\" IN ('Weekly', 'Fortnightly', 'Monthly')"));
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_TeamMembers_Role", "\"Role\" IN ('Rep', 'Manager')"));
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.NormalizedName).HasMaxLength(Customer.NameMaxLength);
        builder.HasIndex(c => new { c.TeamId, c.NormalizedName }).IsUnique();
        // For TeamNames' stamp, asked at every "Did you mean".
        builder.HasIndex(c => new { c.TeamId, c.Id });
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
