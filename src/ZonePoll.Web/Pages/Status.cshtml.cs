using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ZonePoll.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Text) Message => Code switch
    {
        401 => ("Sign in first", "This address needs a signed-in ZonePoll account."),
        403 => (
            "Not for your role",
            "Managers run the meeting, its projector and exports; reps fill in worksheets. Ask your team's manager if you need this page."),
        404 => ("Not found", "There is nothing here, or it belongs to a team you are not on."),
        409 => ("This team is archived", "An archived team is read-only: nothing on it can change. A manager of the team can restore it from the team page."),
        429 => ("Slow down", "Too many attempts in a short time. Wait a minute and try again."),
        _ => ("Something went wrong", "Please try again."),
    };

    public void OnGet([FromRoute] int code) => Code = code;

    // The status page is re-executed for POSTs too; answer those the same way.
    public void OnPost([FromRoute] int code) => Code = code;
}
