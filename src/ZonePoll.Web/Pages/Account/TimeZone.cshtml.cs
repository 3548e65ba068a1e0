using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Pages.Account;

/// <summary>
/// Where the browser reports the person's time zone (wwwroot/js/timezone.js), so dates and times show in it.
/// Signed in only (the app's fallback policy), antiforgery-checked like every Razor Pages post; a zone the system
/// does not know is refused with 400 and nothing stored. There is no GET: the filter for unknown handlers answers 405.
/// </summary>
public sealed class TimeZoneModel(LocalTime localTime) : PageModel
{
    public const string StoredCookie = "zonepoll_tz";

    public async Task<IActionResult> OnPostAsync([FreeText(TextKind.Name)] string? timeZone, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        if (!ModelState.IsValid || !await localTime.StoreAsync(userId, timeZone, cancellationToken))
        {
            return BadRequest("Not a time zone this server knows, such as America/New_York.");
        }

        // Read by timezone.js, so this browser stops telling the zone; it carries nothing the page doesn't already.
        Response.Cookies.Append(StoredCookie, $"{userId} {timeZone}", new CookieOptions
        {
            HttpOnly = false,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return new NoContentResult();
    }
}
