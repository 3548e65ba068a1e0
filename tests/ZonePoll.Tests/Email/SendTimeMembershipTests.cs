using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Email;

namespace ZonePoll.Tests.Email;

/// <summary>Issue 24: a message for a team's members is sent only to someone still on the team, and never for an archived team.</summary>
public sealed class SendTimeMembershipTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public SendTimeMembershipTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task ARepRemovedFromTheTeamOrOnAnArchivedTeamIsNotSentTheQueuedFillInYourTenButAnInvitationToANonMemberStillGoes()
    {
        var team = await _factory.CreateTeamAsync(reps: 2);
        var archived = await _factory.CreateTeamAsync(reps: 1, teamName: "Sales South");
        var kept = (await EmailTests.AddressesAsync(_factory, [team.RepIds[0]])).Single();
        var removed = (await EmailTests.AddressesAsync(_factory, [team.RepIds[1]])).Single();
        var archivedRep = (await EmailTests.AddressesAsync(_factory, [archived.RepIds[0]])).Single();

        // What the sender finds: "fill in your ten" queued at the opening, then one rep taken off the team and the other
        // team archived before it was sent; and an invitation to an address that is on no team.
        await _factory.WithDbAsync(async db =>
        {
            await db.TeamMembers.Where(m => m.TeamId == team.TeamId && m.UserId == team.RepIds[1]).ExecuteDeleteAsync();
            await db.Teams.Where(t => t.Id == archived.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArchivedAt, DateTimeOffset.UtcNow));
            db.EmailOutbox.AddRange(
                Row(EmailKind.MeetingOpened, team.TeamId, team.MeetingId, kept.ToUpperInvariant()),
                Row(EmailKind.MeetingOpened, team.TeamId, team.MeetingId, removed),
                Row(EmailKind.MeetingOpened, archived.TeamId, archived.MeetingId, archivedRep),
                Row(EmailKind.Invitation, team.TeamId, null, "newcomer@example.com"));
            return await db.SaveChangesAsync();
        });

        await _smtp.WaitForAsync(2);
        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal(
            new[] { kept.ToUpperInvariant(), "NEWCOMER@EXAMPLE.COM" }.Order(),
            _smtp.Received.Select(m => m.To.Mailboxes.Single().Address.ToUpperInvariant()).Order());
        var skipped = await _factory.WithDbAsync(db => db.EmailOutbox.Where(m => m.State == OutboxState.Skipped).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(new[] { removed, archivedRep }.Order(), skipped.Order());
    }

    private static OutboxMessage Row(EmailKind kind, int teamId, int? meetingId, string to)
    {
        var now = DateTimeOffset.UtcNow;
        return new()
        {
            Kind = kind,
            TeamId = teamId,
            MeetingId = meetingId,
            ToAddress = to,
            Subject = "Fill in your ten",
            HtmlBody = "<p>Fill in your ten</p>",
            TextBody = "Fill in your ten",
            MessageId = $"{Guid.NewGuid():n}@zonepoll.test",
            UnsubscribeUrl = $"{EmailFactory.PublicUrl}/email/unsubscribe/x",
            State = OutboxState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
