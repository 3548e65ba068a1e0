using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>The team's name, how often it meets and its time zone; archiving is on its own page, the one write an archived team takes.</summary>
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
        [LengthLimit(ZonePoll.Web.Teams.Team.NameMaxLength, "the name")]
        [FreeText(TextKind.Name, Subject = "The name")]
        public string? Name { get; set; }

        [Display(Name = "The team meets")]
        public string? Cadence { get; set; }

        [Display(Name = "Time zone")]
        public string? TimeZone { get; set; }
    }

    /// <summary>Offered in the field's list; any other IANA zone the server knows is taken too.</summary>
    public static IReadOnlyList<string> CommonTimeZones { get; } =
    [
        "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
        "Europe/Amsterdam", "Europe/Brussels", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen",
        "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague", "Europe/Athens", "Europe/Istanbul", "Europe/Moscow", "Africa/Johannesburg",
        "Africa/Lagos", "Africa/Nairobi", "Africa/Cairo", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai",
        "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland",
        "America/St_Johns", "America/Halifax", "America/New_York", "America/Toronto", "America/Chicago", "America/Mexico_City",
        "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Vancouver", "America/Anchorage", "Pacific/Honolulu",
        "America/Bogota", "America/Lima", "America/Santiago", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == Team.TeamId).Select(t => new { t.Name, t.Cadence, t.TimeZone })
            .SingleAsync(cancellationToken);
        Input = new InputModel { Name = team.Name, Cadence = team.Cadence.ToString(), TimeZone = team.TimeZone };
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

        // Blank is the default; anything else must be a zone this server knows by its IANA name.
        var timeZone = string.IsNullOrWhiteSpace(Input.TimeZone) ? ZonePoll.Web.Teams.Team.DefaultTimeZone : Input.TimeZone.Trim();
        if (timeZone.Length > ZonePoll.Web.Teams.Team.TimeZoneMaxLength)
        {
            ModelState.AddModelError("Input.TimeZone", LengthLimitAttribute.Message("the time zone", ZonePoll.Web.Teams.Team.TimeZoneMaxLength, timeZone.Length)
                + " Use an IANA name such as Europe/Berlin or America/New_York, or UTC.");
        }
        else if (!LocalTime.TryFind(timeZone, out _))
        {
            ModelState.AddModelError(
                "Input.TimeZone", "That is not a time zone this server knows. Use an IANA name such as Europe/Berlin or America/New_York, or UTC.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using (var change = await changes.BeginAsync(db, Team.TeamId, cancellationToken))
        {
            await db.Teams.Where(t => t.Id == Team.TeamId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name).SetProperty(t => t.Cadence, cadence!.Value)
                    .SetProperty(t => t.TimeZone, timeZone), cancellationToken);
            // Every meeting's tally (the projector's header, the handout) names the team.
            await change.CommitAsync(new TallyChange.Team(Team.TeamId), cancellationToken);
        }

        TempData["Message"] = $"Saved: \"{name}\" meets {TeamCadences.Label(cadence!.Value).ToLowerInvariant()}, in {timeZone} time.";
        return RedirectToPage("/Teams/Details", new { teamId = Team.TeamId });
    }
}
