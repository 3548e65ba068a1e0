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
