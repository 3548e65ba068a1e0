using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Chat;

/// <summary>
/// A team's chat: its webhook kept encrypted, and posts queued in the caller's transaction (saved by its
/// <c>MeetingChanges</c> commit), so a post goes out exactly when the change that causes it stands. Each post is
/// about its own team only: the text is built from that team's rows, and the sender posts it to that team's webhook.
/// </summary>
public sealed class TeamChat(
    IDataProtectionProvider protection, ChatSignal signal, PublicUrl publicUrl, ZonePollMetrics metrics, TallyCache tallies, TimeProvider clock)
    : IRevealObserver
{
    public const int NamesShown = 10;

    private readonly IDataProtector _protector = protection.CreateProtector("ZonePoll.Chat.Webhook.v1");

    public string Protect(Uri webhook) => _protector.Protect(webhook.AbsoluteUri);

    /// <summary>The team's webhook, or null when none is set or it can no longer be read (the keys were lost).</summary>
    public Uri? Unprotect(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return Uri.TryCreate(_protector.Unprotect(stored), UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>How a saved webhook is shown again: its host and an ellipsis, never the secret path.</summary>
    public static string Shown(string host) => host + "/…";

    /// <summary>"Meeting open", once per meeting; nothing when the team has no webhook.</summary>
    public async Task<bool> MeetingOpenedAsync(ZonePollDbContext db, HttpRequest request, int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.TeamId, m.Title, m.Date, HasWebhook = m.Team!.ChatWebhook != null })
            .SingleAsync(cancellationToken);
        if (!meeting.HasWebhook || await PostedAsync(db, meetingId, ChatKind.MeetingOpened, cancellationToken))
        {
            return false;
        }

        var date = meeting.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var link = publicUrl.For(request, $"/meetings/{meetingId}/worksheet");
        Add(db, meeting.TeamId, ChatKind.MeetingOpened, meetingId,
            $"Meeting open: {meeting.Title}. Reps, fill in your ten before {date}: {link}");
        return true;
    }

    /// <summary>
    /// "Revealed: 4 in Recovery, 2 out of Recovery since last time", once per meeting, from the meeting's cached tally
    /// (the reveal changes nothing it counts); customer names only when the team turned names on.
    /// </summary>
    public async Task<bool> RevealingAsync(ZonePollDbContext db, int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.TeamId, m.ResultsRevealed, m.TallyVersion, HasWebhook = m.Team!.ChatWebhook != null, m.Team.ChatNamesOn })
            .SingleAsync(cancellationToken);
        if (!meeting.HasWebhook || meeting.ResultsRevealed || await PostedAsync(db, meetingId, ChatKind.Revealed, cancellationToken))
        {
            return false;
        }

        if (await tallies.GetAsync(meetingId, meeting.TallyVersion, cancellationToken) is not { } tally)
        {
            return false;
        }

        Add(db, meeting.TeamId, ChatKind.Revealed, meetingId, RevealedText(tally.Manager, meeting.ChatNamesOn));
        return true;
    }

    public static string RevealedText(TallySnapshot tally, bool namesOn)
    {
        var recovery = tally.Zone(Zone.Recovery).Count;
        var text = $"{tally.Title} revealed: {recovery} in Recovery";
        if (tally.Movement is { } movement)
        {
            text += $", {movement.LeftRecovery} out of Recovery since last time";
        }

        text += $" ({tally.Participation.RepsIn} of {tally.Participation.RepsTotal} reps in, {tally.Customers} customers).";
        if (namesOn && tally.Recovery.Count > 0)
        {
            var names = tally.Recovery.Select(r => r.Customer).Take(NamesShown).ToList();
            var more = tally.Recovery.Count - names.Count;
            text += " In Recovery: " + string.Join(", ", names) + (more > 0 ? $" and {more} more." : ".");
        }

        return text.Length <= ChatMessage.TextMaxLength ? text : text[..(ChatMessage.TextMaxLength - 1)] + "…";
    }

    /// <summary>
    /// The hook for scheduled posts ("6 of 8 in" the day before, a morning's overdue follow-ups): the scheduler builds
    /// the team-totals text once it has seen the team has a webhook, and calls this in its own transaction, then
    /// <see cref="Committed"/>. A webhook removed in between is the sender's to skip, as for every queued post.
    /// </summary>
    public void Queue(ZonePollDbContext db, int teamId, ChatKind kind, int? meetingId, string text) =>
        Add(db, teamId, kind, meetingId, text.Length <= ChatMessage.TextMaxLength ? text : text[..(ChatMessage.TextMaxLength - 1)] + "…");

    /// <summary>Call after the commit: this instance's sender starts at once (the others find it at their next look).</summary>
    public void Committed() => signal.Wake();

    Task IRevealObserver.RevealingAsync(ZonePollDbContext db, int meetingId, CancellationToken cancellationToken) =>
        RevealingAsync(db, meetingId, cancellationToken);

    private static Task<bool> PostedAsync(ZonePollDbContext db, int meetingId, ChatKind kind, CancellationToken cancellationToken) =>
        db.Set<ChatMessage>().AnyAsync(m => m.MeetingId == meetingId && m.Kind == kind, cancellationToken);

    private void Add(ZonePollDbContext db, int teamId, ChatKind kind, int? meetingId, string text)
    {
        var now = clock.GetUtcNow();
        db.Set<ChatMessage>().Add(new ChatMessage
        {
            TeamId = teamId,
            Kind = kind,
            MeetingId = meetingId,
            Text = text,
            State = OutboxState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        metrics.Queued(MessageCounts.ChatKind);
    }
}

/// <summary>Wakes this instance's chat sender after a commit that queued a post.</summary>
public sealed class ChatSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
