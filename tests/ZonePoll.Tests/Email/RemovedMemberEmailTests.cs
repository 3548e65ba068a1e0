using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Email;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Email;

/// <summary>"Fill in your ten" waits in the outbox; a rep removed from the team before it goes out is not written to.</summary>
public sealed class RemovedMemberEmailTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public RemovedMemberEmailTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task ARepRemovedWhileTheirFillInYourTenWaitsInTheOutboxIsNotSentIt()
    {
        var team = await _factory.CreateTeamAsync(reps: 3, status: MeetingStatus.Draft);
        var held = _smtp.HoldNextAsync();
        var (manager, _) = await OutboxSenderTests.OpenAsync(_factory, team);
        await held;

        // While the server holds the first message, the manager removes the rep the last one is for.
        var lastAddress = await _factory.WithDbAsync(db => db.EmailOutbox.OrderByDescending(m => m.Id).Select(m => m.ToAddress).FirstAsync());
        var addresses = await EmailTests.AddressesAsync(_factory, team.RepIds);
        var removedRep = team.RepIds[addresses.IndexOf(lastAddress)];
        var page = await manager.GetDocumentAsync($"/teams/{team.TeamId}");
        var form = page.QuerySelectorAll("form[action*='handler=Remove']").OfType<IHtmlFormElement>()
            .Single(f => ((IHtmlInputElement)f.QuerySelector("input[name=userId]")!).Value == removedRep);
        using var removed = await manager.SubmitAsync(form);
        _smtp.Release();

        await EmailTests.OutboxSettledAsync(_factory);
        Assert.Equal(2, _smtp.Received.Count);
        Assert.DoesNotContain(_smtp.Received, m => m.To.Mailboxes.Single().Address == lastAddress);
        Assert.Equal(OutboxState.Skipped, await _factory.WithDbAsync(db => db.EmailOutbox.Where(m => m.ToAddress == lastAddress).Select(m => m.State).SingleAsync()));
    }
}
