using Microsoft.AspNetCore.Identity;

namespace ZonePoll.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 60;

    public const int TimeZoneMaxLength = 64;

    public string DisplayName { get; set; } = "";

    /// <summary>The IANA time zone the person's browser reported, so dates and times show in their own; null until known.</summary>
    public string? TimeZone { get; set; }
}
