using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ZonePoll.Web.Email;

/// <summary>
/// The token in each e-mail's unsubscribe link: the kind and the address, signed and encrypted with the app's
/// data-protection keys (shared by every instance through the database), so the link works signed out and can turn
/// off only that one kind for that one address.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    public const string PathPrefix = "/email/unsubscribe/";

    private readonly IDataProtector _protector = provider.CreateProtector("ZonePoll.Email.Unsubscribe.v1");

    public string For(EmailKind kind, string address) => _protector.Protect($"{kind}\n{EmailOptOut.Normalize(address)}");

    public sealed record Subscription(EmailKind Kind, string NormalizedAddress);

    /// <summary>What a token names, or null for anything not made by <see cref="For"/> with this app's keys.</summary>
    public Subscription? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts is [var kind, var address] && Enum.TryParse<EmailKind>(kind, out var parsed) && Enum.IsDefined(parsed) && address.Length > 0
                ? new Subscription(parsed, address)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
