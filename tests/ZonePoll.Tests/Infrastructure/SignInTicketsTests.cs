using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Infrastructure;

public class SignInTicketsTests
{
    private static readonly TicketDataFormat Cookie = new(new EphemeralDataProtectionProvider().CreateProtector("sign-in"));

    private static string SignedCookie(string userId) =>
        Cookie.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Identity.Application")),
            new AuthenticationProperties { IssuedUtc = new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero) },
            "Identity.Application"));

    [Fact]
    public void ARememberedCookieGivesEachReaderItsOwnCopySoOneRequestsChangesNeverReachTheNext()
    {
        using var tickets = new SignInTickets();
        var format = tickets.Remembering(Cookie);
        var cookie = SignedCookie("rep-1");

        var first = format.Unprotect(cookie)!;
        first.Properties.IssuedUtc = DateTimeOffset.MaxValue;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Manager"));
        var second = format.Unprotect(cookie)!;

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero), second.Properties.IssuedUtc);
        Assert.Equal(["rep-1"], second.Principal.Claims.Select(c => c.Value));
        Assert.Equal("Identity.Application", second.AuthenticationScheme);
        Assert.True(second.Principal.Identity!.IsAuthenticated);
    }

    [Fact]
    public void EachCookieReadsAsItsOwnUser()
    {
        using var tickets = new SignInTickets();
        var format = tickets.Remembering(Cookie);
        var rep = SignedCookie("rep-1");
        var manager = SignedCookie("manager-1");

        Assert.Equal("rep-1", format.Unprotect(rep)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("manager-1", format.Unprotect(manager)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("rep-1", format.Unprotect(rep)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public void ATamperedCookieIsRefusedEvenAfterTheRealOneWasRemembered()
    {
        using var tickets = new SignInTickets();
        var format = tickets.Remembering(Cookie);
        var cookie = SignedCookie("rep-1");
        Assert.NotNull(format.Unprotect(cookie));

        var tampered = cookie[..^3] + (cookie[^3] == 'A' ? 'B' : 'A') + cookie[^2..];

        Assert.Null(format.Unprotect(tampered));
        Assert.Null(format.Unprotect("not a cookie at all"));
        Assert.Null(format.Unprotect(null));
        Assert.NotNull(format.Unprotect(cookie));
    }

    [Fact]
    public void ACookieFromAnotherKeyIsRefusedAndStaysRefused()
    {
        using var tickets = new SignInTickets();
        var format = tickets.Remembering(Cookie);
        var foreign = new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("sign-in")).Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "attacker")], "Identity.Application")),
            "Identity.Application"));

        Assert.Null(format.Unprotect(foreign));
        Assert.Null(format.Unprotect(foreign));
    }

    [Fact]
    public void WritingACookieIsTheFormatsOwnSoItReadsBackThroughTheStore()
    {
        using var tickets = new SignInTickets();
        var format = tickets.Remembering(Cookie);
        var written = format.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "rep-2")], "Identity.Application")),
            "Identity.Application"));

        Assert.Equal("rep-2", Cookie.Unprotect(written)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("rep-2", format.Unprotect(written)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }
}
