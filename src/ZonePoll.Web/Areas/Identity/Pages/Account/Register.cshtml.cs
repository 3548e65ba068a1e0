using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your name as your team knows it.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Keep your name to {1} characters.")]
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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
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
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
