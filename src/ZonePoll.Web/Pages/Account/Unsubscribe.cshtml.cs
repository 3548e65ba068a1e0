using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;

namespace ZonePoll.Web.Pages.Account;

/// <summary>
/// Every e-mail's "stop these e-mails" link (RFC 8058). Opening it changes nothing (link scanners and previews open
/// links): it shows what would stop and a button. The POST, from that button or from a mail client's one-click
/// unsubscribe, which has no session and no antiforgery token, turns off that one kind for that one address; the
/// signed token is the only authority it needs or takes.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(ZonePollDbContext db, UnsubscribeTokens tokens, TimeProvider clock) : PageModel
{
    public UnsubscribeTokens.Subscription? Subscription { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet([FromRoute] string token)
    {
        Subscription = tokens.Read(token);
        return Valid();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string token, CancellationToken cancellationToken)
    {
        Subscription = tokens.Read(token);
        if (Subscription is not { } subscription)
        {
            return Valid();
        }

        var (address, kind) = (subscription.NormalizedAddress, subscription.Kind);
        if (!await db.EmailOptOuts.AnyAsync(o => o.NormalizedAddress == address && o.Kind == kind, cancellationToken))
        {
            db.EmailOptOuts.Add(new EmailOptOut { NormalizedAddress = address, Kind = kind, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The key (address, kind) is the only constraint: the same link clicked twice at once, and the other
                // click stored it.
            }
        }

        Done = true;
        return Page();
    }

    private PageResult Valid()
    {
        if (Subscription is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
