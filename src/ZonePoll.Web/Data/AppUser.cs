using Microsoft.AspNetCore.Identity;

namespace ZonePoll.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 60;

    public string DisplayName { get; set; } = "";
}
