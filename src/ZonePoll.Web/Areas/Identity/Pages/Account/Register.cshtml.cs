using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Pages.Teams;
using ZonePoll.Web.Tally;

namespace ZonePoll.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInAttempts)]
public sealed class RegisterModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ZonePollDbContext db,
    MeetingChanges changes,
    TimeProvider clock) : PageModel
{
    /// <summary>The team a join link in <see cref="ReturnUrl"/> leads to, named above the form; null for any other return.</summary>
    public TeamInvites.Invite? Invite { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name as your team knows it.")]
        [LengthLimit(AppUser.DisplayNameMaxLength, "your name")]
        [Display(Name = "Your name")]
        [FreeText(TextKind.Name)]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 8, ErrorMessage = "Use at least {2} characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Password again")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Invite = await FindInviteAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Invite = await FindInviteAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = Input.DisplayName.Trim() };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code switch
                {
                    "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "Input.Email",
                    _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Input.Password",
                    _ => string.Empty,
                };
                var message = error.Code is "DuplicateUserName" or "DuplicateEmail"
                    ? "An account with this e-mail already exists; sign in instead."
                    : error.Description;
                if (ModelState[field]?.Errors.Any(e => e.ErrorMessage == message) != true)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            return Page();
        }

        // No mail server: the account is usable at once.
        await signIn.SignInAsync(user, isPersistent: true);
        if (Invite is not null)
        {
            // Came from an invite: the account is made to join, so join now and go to the worksheet, no second click.
            await TeamInvites.JoinAsync(db, changes, clock, Invite, user.Id, cancellationToken);
            return await TeamInvites.LandAsync(this, db, Invite, cancellationToken);
        }

        return LocalRedirect(Url.LocalOr(ReturnUrl, "/"));
    }

    /// <summary>
    /// Only a return address that is exactly a live join link counts; the team is looked up by its token, as the join
    /// page does, and an expired link names no team here either (the join page explains it after registering).
    /// </summary>
    private async Task<TeamInvites.Invite?> FindInviteAsync(CancellationToken cancellationToken) =>
        TeamInvites.TokenFrom(ReturnUrl) is { } token
        && await TeamInvites.FindAsync(db, token, userId: null, cancellationToken) is { } invite
        && !TeamInvites.IsExpired(invite, clock.GetUtcNow())
            ? invite
            : null;
}
