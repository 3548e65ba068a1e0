using ZonePoll.Web.Email;

namespace ZonePoll.Web.Chat;

/// <summary>What a team's chat is told.</summary>
public enum ChatKind
{
    /// <summary>A meeting was opened: reps can fill in their ten.</summary>
    MeetingOpened,

    /// <summary>The manager revealed a meeting's numbers: Recovery now, and out of Recovery since last time.</summary>
    Revealed,

    /// <summary>The day before a meeting: how many reps are in (queued by the scheduler, when there is one).</summary>
    RepsIn,

    /// <summary>A morning's overdue follow-ups (queued by the scheduler, when there is one).</summary>
    Overdue,
}

/// <summary>
/// One post to a team's chat, written in the same transaction as the change that causes it and sent by
/// <see cref="ChatSender"/> with the same lease, retry and backoff as the e-mail outbox. It holds the text only:
/// the webhook address is read from the team at send time, so a manager who removes or changes it stops or
/// redirects what is still queued, and the secret address is kept in one place, encrypted.
/// </summary>
public sealed class ChatMessage : Email.IQueuedMessage
{
    public const int TextMaxLength = 3000;
    public const int ReplyMaxLength = 500;

    public long Id { get; set; }
    public int TeamId { get; set; }
    public ChatKind Kind { get; set; }

    /// <summary>The meeting it is about, if any: each meeting's opening and reveal is posted once.</summary>
    public int? MeetingId { get; set; }
    public string Text { get; set; } = "";
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The chat service's answer: its status code and the start of its body.</summary>
    public string? ServerReply { get; set; }
    public string? LastError { get; set; }
}
