using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.Email;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("EmailOutbox");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(m => m.ToName).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.MessageId).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(OutboxMessage.UrlMaxLength);
        builder.Property(m => m.ServerReply).HasMaxLength(OutboxMessage.ReplyMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ReplyMaxLength);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.DedupeKey).HasMaxLength(OutboxMessage.DedupeKeyMaxLength);
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        // What a sender claims next, and what a team's managers are shown.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => new { m.TeamId, m.State });
        builder.HasIndex(m => new { m.MeetingId, m.Kind });
        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<EmailOptOut>
{
    public void Configure(EntityTypeBuilder<EmailOptOut> builder)
    {
        builder.HasKey(o => new { o.NormalizedAddress, o.Kind });
        builder.Property(o => o.NormalizedAddress).HasMaxLength(OutboxMessage.AddressMaxLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
    }
}
