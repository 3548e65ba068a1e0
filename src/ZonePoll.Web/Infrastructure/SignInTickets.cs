using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// What each sign-in cookie the app has read holds. A signed-in browser sends the same cookie with every request,
/// and decrypting and deserialising it again each time was the largest part of a tally.json request the app itself
/// adds. Only a cookie that decrypted is remembered, keyed by its whole text, so a forged or tampered cookie is read
/// (and refused) as before. What the cookie handler checks after reading (the expiry, the security stamp when due)
/// it still checks on every request, on a copy of its own.
/// </summary>
public sealed class SignInTickets(TimeProvider? clock = null) : IDisposable
{
    /// <summary>Enough for everyone signed in to a large instance; past it, cookies are read afresh.</summary>
    public const int Capacity = 20_000;

    /// <summary>
    /// A cookie is read afresh this long after it was last decrypted, used or not, so a revoked data-protection key
    /// stops it within that. (Kept while in use, a cookie polling tally.json would outlive its key's revocation.)
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new CacheClock(clock ?? TimeProvider.System) });

    /// <summary>The cookie's own format, reading through this store.</summary>
    public ISecureDataFormat<AuthenticationTicket> Remembering(ISecureDataFormat<AuthenticationTicket> format) =>
        new Format(format, this);

    public void Dispose() => _tickets.Dispose();

    private AuthenticationTicket? Read(ISecureDataFormat<AuthenticationTicket> format, string protectedText)
    {
        if (!_tickets.TryGetValue(protectedText, out AuthenticationTicket? ticket) || ticket is null)
        {
            ticket = format.Unprotect(protectedText);
            if (ticket is null)
            {
                return null;
            }

            _tickets.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
        }

        return Copy(ticket);
    }

    /// <summary>
    /// The handler and the security-stamp check may change the ticket they are given (its properties when renewing,
    /// its principal when replacing it); the remembered one must stay as the cookie says.
    /// </summary>
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new ClaimsPrincipal(ticket.Principal.Identities.Select(identity => identity.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }

    private sealed class Format(ISecureDataFormat<AuthenticationTicket> inner, SignInTickets tickets) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        // A purpose (TLS token binding) ties the cookie to something besides its text; such reads are not shared.
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) =>
            protectedText is null || purpose is not null ? inner.Unprotect(protectedText, purpose) : tickets.Read(inner, protectedText);
    }
}
