using System.Security.Cryptography;

namespace ZonePoll.Web.Teams;

public enum TeamRole
{
    Rep,
    Manager,
}

public sealed class Team
{
    public const int NameMaxLength = 80;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string InviteToken { get; set; } = InviteTokens.New();

    /// <summary>When the invite link stops working; null for never.</summary>
    public DateTimeOffset? InviteExpiresAt { get; set; }

    /// <summary>The manager who made the current invite link, named on the join page; null when they have left.</summary>
    public string? InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<TeamMember> Members { get; } = [];
}

public static class InviteTokens
{
    /// <summary>The lifetimes a manager can give a new link, in days; 0 is "never expires".</summary>
    public static IReadOnlyList<int> LifetimeChoices { get; } = [0, 1, 7, 30];

    // 128 random bits, URL-safe: the token is the only thing guarding the invite.
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class TeamMember
{
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
    public TeamRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public Team? Team { get; set; }
    public Data.AppUser? User { get; set; }
}
