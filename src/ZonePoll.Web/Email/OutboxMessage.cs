namespace ZonePoll.Web.Email;

public enum OutboxState
{
    /// <summary>Waiting for a sender (again, after a failed attempt, from <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Queued,

    /// <summary>The SMTP server accepted it, or it was written to the pickup folder.</summary>
    Sent,

    /// <summary>Every attempt failed; the team's managers see it.</summary>
    Failed,

    /// <summary>
    /// Never sent: its person turned this kind off after it was queued, or (for a message to a team's members) was no
    /// longer on the team, or the team was archived, when it came to be sent.
    /// </summary>
    Skipped,
}

/// <summary>
/// One e-mail, written in the same transaction as the change that causes it and sent later by <see cref="OutboxSender"/>.
/// It is stored whole (subject, both bodies, links made from the request that caused it), so a sender needs nothing
/// but this row. A sender claims it by writing its own <see cref="LeaseOwner"/> while the lease of any other has
/// expired; <see cref="MessageId"/> is fixed from the start, so the rare resend after a crash mid-send is the same
/// message to the receiving server and mail client.
/// </summary>
public sealed class OutboxMessage : IQueuedMessage
{
    public const int AddressMaxLength = 254;
    public const int NameMaxLength = 128;
    public const int SubjectMaxLength = 300;
    public const int UrlMaxLength = 1000;
    public const int ReplyMaxLength = 500;
    public const int DedupeKeyMaxLength = 160;

    public long Id { get; set; }
    public EmailKind Kind { get; set; }

    /// <summary>The team whose managers see it when it fails.</summary>
    public int TeamId { get; set; }

    /// <summary>The meeting it is about, if any: a rep hears of a meeting's opening once, however often it reopens.</summary>
    public int? MeetingId { get; set; }
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>The Message-Id header (without angle brackets), unique.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The one-click unsubscribe address for this kind and recipient (RFC 8058).</summary>
    public string UnsubscribeUrl { get; set; } = "";

    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public Guid? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The SMTP server's reply to the message (its queue id), or the file it was written to.</summary>
    public string? ServerReply { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// For a scheduled message, what it is once-only about (kind, person, team or meeting, day), unique: a second tick,
    /// or a second instance's, that would queue it again fails on the index instead. Null for the others.
    /// </summary>
    public string? DedupeKey { get; set; }
}

/// <summary>An address that turned one kind of e-mail off (from the account page or an e-mail's unsubscribe link).</summary>
public sealed class EmailOptOut
{
    /// <summary>The address, trimmed and upper-cased, as Identity normalises e-mails.</summary>
    public string NormalizedAddress { get; set; } = "";
    public EmailKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string Normalize(string address) => address.Trim().ToUpperInvariant();
}
