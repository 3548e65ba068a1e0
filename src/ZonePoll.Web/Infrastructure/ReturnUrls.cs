using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace ZonePoll.Web.Infrastructure;

/// <summary>Where a posted return address may send the browser after a form.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// Whether the address is this site's and can travel in a header. Kestrel refuses a Location outside ASCII (the
    /// test server does not), so a crafted one would turn a saved form into an error page; the app's own links are
    /// escaped and always pass.
    /// </summary>
    public static bool IsSafe(this IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) && Ascii.IsValid(returnUrl);

    /// <summary>The address when <see cref="IsSafe"/>, else <paramref name="fallback"/>.</summary>
    public static string LocalOr(this IUrlHelper url, string? returnUrl, string fallback) => url.IsSafe(returnUrl) ? returnUrl! : fallback;
}
