using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Utils;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Email;

/// <summary>What one e-mail says: a few paragraphs and one button; the footer (why, and how to stop) is added.</summary>
public sealed record EmailContent(
    string Subject, IReadOnlyList<string> Paragraphs, string ButtonText, string LinkPath, string Why, IReadOnlyList<EmailItem>? Items = null);

/// <summary>One line of a digest, with the link that opens it (a path until the message is made).</summary>
public sealed record EmailItem(string Text, string LinkPath);

/// <summary>A person to write to.</summary>
public sealed record Recipient(string Address, string Name);

/// <summary>
/// Queues e-mail in the caller's transaction: rows added to <c>db</c> are saved by the caller's SaveChanges or
/// <c>MeetingChanges</c> commit, so mail goes out exactly when the change that causes it stands. Links are made with
/// <see cref="PublicUrl"/> from the request that caused it. Addresses that turned the kind off get nothing.
/// </summary>
public sealed class EmailOutbox(PublicUrl publicUrl, UnsubscribeTokens tokens, MailDestination destination, OutboxSignal signal, TimeProvider clock)
{
    public const string AccountPath = "/account/email";

    public string Destination => destination.Describe();

    /// <summary>Adds one message per recipient still taking <paramref name="kind"/>; returns how many.</summary>
    public async Task<int> AddAsync(
        ZonePollDbContext db, HttpRequest request, int teamId, EmailKind kind, IReadOnlyList<Recipient> recipients,
        Func<Recipient, EmailContent> write, CancellationToken cancellationToken, int? meetingId = null)
    {
        var normalized = recipients.Select(r => EmailOptOut.Normalize(r.Address)).Distinct().ToList();
        var optedOut = (await db.EmailOptOuts.Where(o => o.Kind == kind && normalized.Contains(o.NormalizedAddress))
            .Select(o => o.NormalizedAddress).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var recipient in recipients.DistinctBy(r => EmailOptOut.Normalize(r.Address)))
        {
            if (optedOut.Contains(EmailOptOut.Normalize(recipient.Address)))
            {
                continue;
            }

            var content = write(recipient);
            db.EmailOutbox.Add(Message(kind, teamId, meetingId, recipient, content, path => publicUrl.For(request, path), now));
            added++;
        }

        return added;
    }

    /// <summary>
    /// One message, whole, for <paramref name="recipient"/>; <paramref name="absolute"/> makes a path a link (from the
    /// request that caused it, or for a scheduled message from <see cref="ScheduledLinks"/>).
    /// </summary>
    public OutboxMessage Message(
        EmailKind kind, int teamId, int? meetingId, Recipient recipient, EmailContent content, Func<string, string> absolute, DateTimeOffset now,
        string? dedupeKey = null)
    {
        var domain = FromAddress.Domain is { Length: > 0 } d ? d : "zonepoll.localhost";
        var unsubscribe = absolute(UnsubscribeTokens.PathPrefix + tokens.For(kind, recipient.Address));
        var link = absolute(content.LinkPath);
        var account = absolute(AccountPath);
        var items = (content.Items ?? []).Select(i => new EmailItem(i.Text, absolute(i.LinkPath))).ToList();
        return new OutboxMessage
        {
            Kind = kind,
            TeamId = teamId,
            MeetingId = meetingId,
            ToAddress = recipient.Address,
            ToName = recipient.Name,
            Subject = content.Subject,
            HtmlBody = Html(content, items, link, unsubscribe, account),
            TextBody = Text(content, items, link, unsubscribe, account),
            MessageId = MimeUtils.GenerateMessageId(domain),
            UnsubscribeUrl = unsubscribe,
            State = OutboxState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
            DedupeKey = dedupeKey,
        };
    }

    /// <summary>Call after the commit: this instance's sender starts at once (the others find it at their next look).</summary>
    public void Committed() => signal.Wake();

    private MailboxAddress FromAddress =>
        MailboxAddress.TryParse(destination.Settings.Smtp.From, out var from) ? from : new MailboxAddress("ZonePoll", "zonepoll@localhost");

    /// <summary>The message as it goes on the wire: both bodies, the fixed Message-Id and RFC 8058's unsubscribe headers.</summary>
    public static MimeMessage Compose(OutboxMessage row, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.TryParse(from, out var sender) ? sender : new MailboxAddress("ZonePoll", "zonepoll@localhost"));
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = row.CreatedAt;
        message.Headers.Add("List-Unsubscribe", $"<{row.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { HtmlBody = row.HtmlBody, TextBody = row.TextBody }.ToMessageBody();
        return message;
    }

    private static string Html(EmailContent content, List<EmailItem> items, string link, string unsubscribe, string account)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        html.Append("<title>").Append(e.Encode(content.Subject)).Append("</title></head>");
        html.Append("<body style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5;color:#212529;")
            .Append("max-width:36rem;margin:0 auto;padding:1rem\">");
        foreach (var paragraph in content.Paragraphs)
        {
            html.Append("<p>").Append(e.Encode(paragraph)).Append("</p>");
        }

        if (items.Count > 0)
        {
            html.Append("<ul>");
            foreach (var item in items)
            {
                html.Append("<li><a href=\"").Append(e.Encode(item.LinkPath)).Append("\">").Append(e.Encode(item.Text)).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p><a href=\"").Append(e.Encode(link)).Append("\" style=\"display:inline-block;background:#0d6efd;color:#fff;")
            .Append("padding:.6rem 1rem;border-radius:.375rem;text-decoration:none\">").Append(e.Encode(content.ButtonText)).Append("</a></p>");
        html.Append("<p style=\"font-size:14px\">Or open: <a href=\"").Append(e.Encode(link)).Append("\">").Append(e.Encode(link)).Append("</a></p>");
        html.Append("<hr><p style=\"font-size:13px;color:#6c757d\">").Append(e.Encode(content.Why)).Append(' ')
            .Append("<a href=\"").Append(e.Encode(unsubscribe)).Append("\">Stop these e-mails</a> · ")
            .Append("<a href=\"").Append(e.Encode(account)).Append("\">Choose which e-mails you get</a></p></body></html>");
        return html.ToString();
    }

    private static string Text(EmailContent content, List<EmailItem> items, string link, string unsubscribe, string account)
    {
        var text = new StringBuilder();
        foreach (var paragraph in content.Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        foreach (var item in items)
        {
            text.Append("- ").Append(item.Text).Append("\n  ").Append(item.LinkPath).Append('\n');
        }

        if (items.Count > 0)
        {
            text.Append('\n');
        }

        text.Append(content.ButtonText).Append(": ").Append(link).Append("\n\n-- \n").Append(content.Why).Append('\n')
            .Append("Stop these e-mails: ").Append(unsubscribe).Append('\n')
            .Append("Choose which e-mails you get: ").Append(account).Append('\n');
        return text.ToString();
    }
}
