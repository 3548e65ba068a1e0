using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Email;

/// <summary>The team page's "Invite by e-mail": reads the addresses typed and queues the invite link to each.</summary>
public sealed class InvitationEmails(EmailOutbox outbox, TimeProvider clock)
{
    public const int MaxAddresses = 50;

    /// <summary>Invitations one team may queue in any 24 hours: a team page must not become a way to send bulk mail.</summary>
    public const int MaxPerTeamPerDay = 200;
    public const int MaxTextLength = 20_000;

    public sealed record Parsed(IReadOnlyList<string> Addresses, string? Error);

    /// <summary>The addresses in what was typed (one a line, or separated by commas, semicolons or spaces), or why not.</summary>
    public static Parsed Parse(string? typed)
    {
        if (typed is not null && typed.Length > MaxTextLength)
        {
            return new([], $"That is more than {MaxAddresses} addresses' worth of text: send at most {MaxAddresses} at a time.");
        }

        var words = (typed ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return new([], "Type at least one e-mail address, such as sam@example.com.");
        }

        var invalid = words.Where(w => !IsAddress(w)).Distinct().ToList();
        if (invalid.Count > 0)
        {
            var shown = string.Join(", ", invalid.Take(5)) + (invalid.Count > 5 ? $" and {invalid.Count - 5} more" : "");
            return new([], invalid.Count == 1
                ? $"\"{shown}\" is not an e-mail address. Fix or remove it; nothing was sent."
                : $"These are not e-mail addresses: {shown}. Fix or remove them; nothing was sent.");
        }

        var addresses = words.DistinctBy(EmailOptOut.Normalize).ToList();
        return addresses.Count > MaxAddresses
            ? new([], $"That is {addresses.Count} addresses: send at most {MaxAddresses} at a time.")
            : new(addresses, null);
    }

    private static bool IsAddress(string word) =>
        word.Length <= OutboxMessage.AddressMaxLength
        && MailAddress.TryCreate(word, out var parsed)
        && parsed.Address == word
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !word.Any(char.IsControl);

    public Task<int> AddAsync(
        ZonePollDbContext db, HttpRequest request, int teamId, string teamName, string inviterName, string joinPath,
        IReadOnlyList<string> addresses, CancellationToken cancellationToken) =>
        outbox.AddAsync(db, request, teamId, EmailKind.Invitation, [.. addresses.Select(a => new Recipient(a, ""))], _ => new EmailContent(
            $"{inviterName} invites you to join {teamName} on ZonePoll",
            [
                "Hello,",
                $"{inviterName} invites you to join {teamName} on ZonePoll, where the team lists ten customers each before its sales meetings. "
                + "Open the link to make an account (or sign in) and join.",
            ],
            $"Join {teamName}",
            joinPath,
            $"You get this because {inviterName} typed your address on {teamName}'s team page."), cancellationToken);

    /// <summary>Why these <paramref name="count"/> invitations would take the team over its daily number, or null.</summary>
    public async Task<string?> OverDailyLimitAsync(ZonePollDbContext db, int teamId, int count, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-1);
        var sent = await db.EmailOutbox.CountAsync(m => m.TeamId == teamId && m.Kind == EmailKind.Invitation && m.CreatedAt > since, cancellationToken);
        if (sent + count <= MaxPerTeamPerDay)
        {
            return null;
        }

        var left = Math.Max(0, MaxPerTeamPerDay - sent);
        return $"This team has sent {sent} invitations in the last 24 hours, and at most {MaxPerTeamPerDay} a day can go. "
            + (left == 0 ? "Try again tomorrow, or share the invite link below." : $"Send at most {left} more now, or share the invite link below.")
            + " Nothing was sent.";
    }

    public string Destination => outbox.Destination;

    /// <summary>After the save: this instance's sender starts at once.</summary>
    public void Committed() => outbox.Committed();
}
