using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

public sealed class NewModel(ZonePollDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Give the team a name.")]
    [LengthLimit(Team.NameMaxLength, "the name")]
    [Display(Name = "Team name")]
    [FreeText(TextKind.Name)]
    public string Name { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Name = Name?.Trim() ?? "";
        if (Name.Length == 0)
        {
            ModelState.AddModelError(nameof(Name), "Give the team a name.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow();
        var userId = User.GetUserId();
        // The team's first invite link is its creator's: the join page names them.
        var team = new Team { Name = Name, CreatedAt = now, InvitedById = userId };
        team.Members.Add(new TeamMember { UserId = userId, Role = TeamRole.Manager, JoinedAt = now });
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"Team \"{team.Name}\" created. Share the invite link below with your reps.";
        return RedirectToPage("/Teams/Details", new { teamId = team.Id });
    }
}
