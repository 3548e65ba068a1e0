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
    public async Task<IActionResult> OnPostAsync([FreeText(TextKind.Name)] string? timeZone, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !await localTime.StoreAsync(User.GetUserId(), timeZone, cancellationToken))
        {
            return BadRequest("Not a time zone this server knows, such as America/New_York.");
        }

        return new NoContentResult();
    }
}
