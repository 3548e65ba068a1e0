using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>The team's name and how often it meets; archiving is on its own page, the one write an archived team takes.</summary>
[ForTeamMembers(MemberRole.Manager)]
public sealed class SettingsModel(ZonePollDbContext db, MeetingChanges changes) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TeamAccessResult Team => HttpContext.Team();

    public bool Archived => HttpContext.TeamArchived();

    public sealed class InputModel
    {
        [Display(Name = "Team name")]
        [StringLength(ZonePoll.Web.Teams.Team.NameMaxLength, ErrorMessage = "Keep the name to {1} characters.")]
        [FreeText(TextKind.Name, Subject = "The name")]
        public string? Name { get; set; }

        [Display(Name = "The team meets")]
        public string? Cadence { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == Team.TeamId).Select(t => new { t.Name, t.Cadence }).SingleAsync(cancellationToken);
        Input = new InputModel { Name = team.Name, Cadence = team.Cadence.ToString() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("Input.Name", "Give the team a name.");
        }

        // By exact name, as the select posts it: a number or another word is not a cadence.
        var cadence = TeamCadences.All.Cast<TeamCadence?>().FirstOrDefault(c => c.ToString() == Input.Cadence);
        if (cadence is null)
        {
            ModelState.AddModelError("Input.Cadence", "Pick how often the team meets.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using (var change = await changes.BeginAsync(db, Team.TeamId, cancellationToken))
        {
            await db.Teams.Where(t => t.Id == Team.TeamId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name).SetProperty(t => t.Cadence, cadence!.Value), cancellationToken);
            // Every meeting's tally (the projector's header, the handout) names the team.
            await change.CommitAsync(new TallyChange.Team(Team.TeamId), cancellationToken);
        }

        TempData["Message"] = $"Saved: \"{name}\" meets {TeamCadences.Label(cadence!.Value).ToLowerInvariant()}.";
        return RedirectToPage("/Teams/Details", new { teamId = Team.TeamId });
    }
}
