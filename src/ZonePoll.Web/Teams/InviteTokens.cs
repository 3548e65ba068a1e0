using System.Security.Cryptography;

namespace ZonePoll.Web.Teams;

public static class InviteTokens
{
    /// <summary>The lifetimes a manager can give a new link, in days; 0 is "never expires".</summary>
    public static IReadOnlyList<int> LifetimeChoices { get; } = [0, 1, 7, 30];

    // 128 random bits, URL-safe: the token is the only thing guarding the invite.
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
