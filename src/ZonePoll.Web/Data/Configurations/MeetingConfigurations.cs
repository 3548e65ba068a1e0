using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
        builder.HasIndex(m => new { m.TeamId, m.Date });
        builder.HasOne(m => m.Team).WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Prompts).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_Meetings_Status", "\"Status\" IN ('Draft', 'Open', 'Locked')"));
    }
}

internal sealed class MeetingPromptConfiguration : IEntityTypeConfiguration<MeetingPrompt>
{
    public void Configure(EntityTypeBuilder<MeetingPrompt> builder)
    {
        builder.Property(p => p.Text).HasMaxLength(MeetingPrompt.TextMaxLength);
        builder.Property(p => p.Show).HasConversion<string>().HasMaxLength(20).HasDefaultValue(PromptData.Tally).HasSentinel((PromptData)(-1));
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_MeetingPrompts_Show", "\"Show\" IN ('Tally', 'Recovery', 'Pinched', 'ThreeRs', 'KeyAccounts', 'Movers', 'Lost')"));
        builder.HasIndex(p => new { p.MeetingId, p.Position });
    }
}

internal sealed class MeetingActionConfiguration : IEntityTypeConfiguration<MeetingAction>
{
    public void Configure(EntityTypeBuilder<MeetingAction> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(MeetingAction.TextMaxLength);
        builder.HasIndex(a => new { a.MeetingId, a.Id });
        builder.HasIndex(a => new { a.OwnerId, a.DoneOn });
        builder.HasIndex(a => new { a.TeamId, a.CustomerId });
        builder.HasOne<Teams.Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Prompt).WithMany().HasForeignKey(a => a.PromptId).OnDelete(DeleteBehavior.SetNull);
    }
}
