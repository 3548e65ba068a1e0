namespace ZonePoll.Tests.Email;

/// <summary>
/// E-mail links are made from <c>App:PublicUrl</c>, or without it from the request's Host header, which anyone can set.
/// Mail that leaves the machine comes from the app's own sender: with links on a Host an attacker chose, any user who
/// makes a team could send phishing invitations that are otherwise genuine. So SMTP without a public address is refused.
/// </summary>
public sealed class ForgedHostTests : IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private readonly EmailFactory _factory;

    public ForgedHostTests() => _factory = new EmailFactory(_smtp);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public void AnAppThatSendsMailThroughSmtpWithoutAPublicUrlRefusesToStartSoNoHostHeaderCanPlantItsLinks()
    {
        using var unset = _factory.WithWebHostBuilder(b => b.UseSetting("App:PublicUrl", ""));

        var error = Assert.ThrowsAny<Exception>(() => unset.CreateClient());

        Assert.Contains("App:PublicUrl", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_smtp.Received);
    }
}
