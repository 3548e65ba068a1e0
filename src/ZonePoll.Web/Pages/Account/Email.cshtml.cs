using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Email;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Pages.Account;

/// <summary>Each person turns each kind of e-mail on or off, for the address they signed up with.</summary>
public sealed class EmailModel(ZonePollDbContext db, TimeProvider clock) : PageModel
{
    public string? Address { get; private set; }

    public IReadOnlySet<EmailKind> Off { get; private set; } = new HashSet<EmailKind>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The kinds ticked come as <c>on</c>; every kind not ticked is turned off.</summary>
    public async Task<IActionResult> OnPostAsync(List<EmailKind>? on, CancellationToken cancellationToken)
    {
        // Checkboxes post these names; anything else is not a person's typing.
        if (!ModelState.IsValid || on?.Any(k => !Enum.IsDefined(k)) == true)
        {
            return BadRequest();
        }

        await LoadAsync(cancellationToken);
        if (Address is null)
        {
            return Page();
        }

        var normalized = EmailOptOut.Normalize(Address);
        var wanted = EmailKinds.All.Where(k => on?.Contains(k) != true).ToHashSet();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.EmailOptOuts.Where(o => o.NormalizedAddress == normalized).ExecuteDeleteAsync(cancellationToken);
        db.EmailOptOuts.AddRange(wanted.Select(kind => new EmailOptOut { NormalizedAddress = normalized, Kind = kind, CreatedAt = clock.GetUtcNow() }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = wanted.Count == 0
            ? "Saved: you get every kind of e-mail."
            : wanted.Count == EmailKinds.All.Count ? "Saved: ZonePoll sends you no e-mail." : "Saved: you get only the e-mails ticked.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        Address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (Address is not null)
        {
            var normalized = EmailOptOut.Normalize(Address);
            Off = (await db.EmailOptOuts.Where(o => o.NormalizedAddress == normalized).Select(o => o.Kind).ToListAsync(cancellationToken)).ToHashSet();
        }
    }
}
