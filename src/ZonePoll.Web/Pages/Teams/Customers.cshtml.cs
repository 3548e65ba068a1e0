using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// Every customer of the team, with where they stand now, their last three meetings, who lists them, their open
/// follow-up and their last note. A GET form narrows it, so a filtered list is a URL that can be shared or gone back to.
/// Managers see every rep's customers; a rep sees only those on their own worksheets, with only their own rows.
/// </summary>
[ForTeamMembers]
public sealed class CustomersModel(ZonePollDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [FreeText(TextKind.Name, Subject = "The name")]
    [StringLength(Customer.NameMaxLength, ErrorMessage = "Search with at most {1} characters: no customer name is longer.")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "zone")]
    public Zone? ZoneFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "open")]
    public bool OpenOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public CustomerSort Sort { get; set; }

    public TeamAccessResult Team { get; private set; } = null!;

    public IReadOnlyList<CustomerListItem> Customers { get; private set; } = [];

    public bool IsManager => Team.Role == TeamRole.Manager;

    /// <summary>Whether anything narrows the list, so an empty one says "no customers match" rather than "none yet".</summary>
    public bool Narrowed => !string.IsNullOrWhiteSpace(Search) || ZoneFilter is not null || OpenOnly;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Team = HttpContext.Team();

        // A value that did not bind (zone=7, open=maybe, sort=size) is answered beside its field and left out of
        // the filter; the rest of the form still applies.
        Explain("zone", "Pick a zone from the list.", () => ZoneFilter = null);
        Explain("open", "Tick the box or leave it clear.", () => OpenOnly = false);
        Explain("sort", "Sort by name or by zone.", () => Sort = CustomerSort.Name);
        if (ZoneFilter is { } zone && !Enum.IsDefined(zone))
        {
            ModelState.AddModelError("zone", "Pick a zone from the list.");
            ZoneFilter = null;
        }

        if (!Enum.IsDefined(Sort))
        {
            ModelState.AddModelError("sort", "Sort by name or by zone.");
            Sort = CustomerSort.Name;
        }

        // Normalised as customer names are (case, accents, spacing), and only once the text rule passed it:
        // normalising a noncharacter throws.
        var searchValid = ModelState.GetFieldValidationState("q") is not ModelValidationState.Invalid;
        var search = searchValid && !string.IsNullOrWhiteSpace(Search) ? Customer.Normalize(Search) : null;
        var onlyRep = IsManager ? null : User.GetUserId();
        Customers = await CustomersQuery.LoadAsync(db, Team.TeamId, onlyRep, new CustomerListFilter(search, ZoneFilter, OpenOnly, Sort), cancellationToken);
        if (!IsManager)
        {
            // Every customer on a rep's list is one they listed, so each name may link to its history.
            ViewData[CustomerLinks.RepCustomersKey] = Customers.Select(c => c.Id).ToHashSet();
        }

        return Page();
    }

    private void Explain(string key, string message, Action reset)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            ModelState.AddModelError(key, message);
            reset();
        }
    }
}
