using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.Chat;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("ChatMessages");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(ChatMessage.TextMaxLength);
        builder.Property(m => m.ServerReply).HasMaxLength(ChatMessage.ReplyMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(ChatMessage.ReplyMaxLength);
        // What a sender claims next, what a team's managers are shown, and "posted once per meeting".
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => new { m.TeamId, m.State });
        builder.HasIndex(m => new { m.MeetingId, m.Kind });
        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamChatConfiguration : IEntityTypeConfiguration<Team>
{
    public const int WebhookMaxLength = 4000;
    public const int HostMaxLength = 255;

    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.ChatWebhook).HasMaxLength(WebhookMaxLength);
        builder.Property(t => t.ChatWebhookHost).HasMaxLength(HostMaxLength);
    }
}
