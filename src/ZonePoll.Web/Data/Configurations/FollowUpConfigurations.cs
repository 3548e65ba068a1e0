using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.FollowUps;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Property(f => f.ClarifyNote).HasMaxLength(FollowUp.NoteMaxLength);
        builder.Property(f => f.FixNote).HasMaxLength(FollowUp.NoteMaxLength);
        builder.Property(f => f.FollowUpNote).HasMaxLength(FollowUp.NoteMaxLength);

        // One open follow-up per team customer, however many reps list them and however saves interleave.
        builder.HasIndex(f => new { f.TeamId, f.CustomerId }).IsUnique().HasFilter("\"ClosedAt\" IS NULL").HasDatabaseName("IX_FollowUps_OneOpenPerCustomer");
        builder.HasIndex(f => new { f.OwnerId, f.ClosedAt });
        // A meeting's snapshot reads its team's follow-ups open or closed since it began; without this, every build scanned them all.
        builder.HasIndex(f => new { f.TeamId, f.ClosedAt });
        // OpenedMeetingId is deliberately not a foreign key: deleting a meeting must not take the follow-up's work with it.
        builder.HasOne<Teams.Team>().WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Customer).WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Owner).WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.History).WithOne().HasForeignKey(c => c.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_FollowUps_Cause", "\"Cause\" IN ('Recovery', 'Pinch')");
            t.HasCheckConstraint("CK_FollowUps_Closure", "\"Closure\" IS NULL OR \"Closure\" IN ('FollowedUp', 'LeftRecovery', 'Dropped')");
            t.HasCheckConstraint("CK_FollowUps_Closed", "(\"ClosedAt\" IS NULL) = (\"Closure\" IS NULL)");
            t.HasCheckConstraint("CK_FollowUps_DropReason", "(\"Closure\" = 'Dropped') = (\"DropReason\" IS NOT NULL)");
        });
    }
}

internal sealed class FollowUpChangeConfiguration : IEntityTypeConfiguration<FollowUpChange>
{
    public void Configure(EntityTypeBuilder<FollowUpChange> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(FollowUpChange.TextMaxLength);
        builder.HasIndex(c => new { c.FollowUpId, c.At });
        builder.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
