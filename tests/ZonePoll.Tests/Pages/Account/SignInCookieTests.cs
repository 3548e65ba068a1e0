using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Account;

/// <summary>
/// The app remembers what each sign-in cookie it decrypted holds (SignInTickets); an attacker's cookie must read no
/// better for it: tampered, another user's, or signed with a revoked key.
/// </summary>
public class SignInCookieTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private const string CookieName = ".AspNetCore.Identity.Application";

    private static async Task<string> RegisterAsync(HttpClient client, string displayName)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Register");
        using var registered = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = displayName,
            ["Input.Email"] = $"{Guid.NewGuid():n}@example.com",
            ["Input.Password"] = "a long passphrase",
            ["Input.ConfirmPassword"] = "a long passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A client that sends <paramref name="cookie"/> as typed, as an attacker's script would.</summary>
    private static HttpClient WithCookie(HttpClient client, string cookie)
    {
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<string> SignedInNameAsync(HttpClient client)
    {
        var home = await client.GetDocumentAsync("/");
        return home.QuerySelector("nav")!.TextContent;
    }

    [Fact]
    public async Task ATamperedCookieIsNotSignedInEvenRightAfterTheRealOneWasUsed()
    {
        var cookie = await RegisterAsync(factory.CreateAnonymousClient(), "Tina Tamper");
        using var real = WithCookie(factory.CreateAnonymousClient(), cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(real, "/teams/new"));

        var value = cookie[(CookieName.Length + 1)..];
        foreach (var at in new[] { 0, value.Length / 2, value.Length - 1 })
        {
            var tampered = value[..at] + (value[at] == 'A' ? 'B' : 'A') + value[(at + 1)..];
            using var attacker = WithCookie(factory.CreateAnonymousClient(), $"{CookieName}={tampered}");
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(attacker, "/teams/new"));
        }

        // Cut short or lengthened, the remembered text is not a prefix that matches either.
        using var cut = WithCookie(factory.CreateAnonymousClient(), $"{CookieName}={value[..^4]}");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(cut, "/teams/new"));
        using var longer = WithCookie(factory.CreateAnonymousClient(), $"{CookieName}={value}AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(longer, "/teams/new"));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(real, "/teams/new"));
    }

    [Fact]
    public async Task EachCookieReadsAsItsOwnUserHoweverTheirRequestsInterleave()
    {
        var ritaCookie = await RegisterAsync(factory.CreateAnonymousClient(), "Rita Remembered");
        var mariaCookie = await RegisterAsync(factory.CreateAnonymousClient(), "Maria Remembered");
        using var rita = WithCookie(factory.CreateAnonymousClient(), ritaCookie);
        using var maria = WithCookie(factory.CreateAnonymousClient(), mariaCookie);

        for (var i = 0; i < 3; i++)
        {
            var names = await Task.WhenAll(SignedInNameAsync(rita), SignedInNameAsync(maria), SignedInNameAsync(rita));
            Assert.Contains("Rita Remembered", names[0], StringComparison.Ordinal);
            Assert.DoesNotContain("Maria", names[0], StringComparison.Ordinal);
            Assert.Contains("Maria Remembered", names[1], StringComparison.Ordinal);
            Assert.DoesNotContain("Rita", names[1], StringComparison.Ordinal);
            Assert.Contains("Rita Remembered", names[2], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ACookieInConstantUseStopsSigningInWithinFiveMinutesOfItsKeyBeingRevoked()
    {
        var clock = new ShiftedClock();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var cookie = await RegisterAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "Kim Revoked");
        using var client = WithCookie(app.CreateClient(new() { AllowAutoRedirect = false }), cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/teams/new"));

        // Revoking the keys is how an operator ends every session signed with them (a leaked key, say).
        var probe = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("revocation probe");
        var signed = probe.Protect("signed before");
        app.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "the key leaked");
        await RevocationSeenAsync(probe, signed);

        // A page polling every few minutes keeps using the cookie all along ...
        for (var minutes = 1; minutes <= 4; minutes++)
        {
            clock.Shift = TimeSpan.FromMinutes(minutes);
            await StatusAsync(client, "/teams/new");
        }

        // ... and past five minutes from the revocation it is read afresh, and refused.
        clock.Shift = TimeSpan.FromMinutes(6);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/teams/new"));
    }

    /// <summary>Data protection may refresh its key ring in the background; the test goes on once the app sees the revocation.</summary>
    private static async Task RevocationSeenAsync(IDataProtector probe, string signed)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                probe.Unprotect(signed);
            }
            catch (CryptographicException)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The app never saw the revoked key.");
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
