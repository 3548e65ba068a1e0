using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Worksheets;

[ForMeetingMembers(MemberRole.Rep)]
public sealed class EditModel(ZonePollDbContext db, WorksheetSaver saver, CarryForward carryForward) : PageModel
{
    // WorksheetRules and DropRules judge rows and drops, and OnPostAsync drops what binding recorded for them, so the
    // framework's validation walk over forty-odd fields (2 % of the CPU of a room saving at once) has nothing to add.
    [BindProperty]
    [ValidateNever]
    public List<WorksheetRow> Rows { get; set; } = [];

    /// <summary>Reasons for the customers of the previous worksheet who are not on this one.</summary>
    [BindProperty]
    [ValidateNever]
    public List<DropInput> Drops { get; set; } = [];

    /// <summary>The rep's previous worksheet in this team, or null for their first.</summary>
    public PreviousWorksheet? Previous { get; private set; }

    /// <summary>True when the rows shown are the previous worksheet's, not yet saved for this meeting.</summary>
    public bool CarriedForward { get; private set; }

    /// <summary>Customers gone since the previous worksheet, with the reasons given so far.</summary>
    public DropCheck Dropping { get; private set; } = new([], [], new Dictionary<int, string>(), null);

    /// <summary>The zone the row's customer had on the previous worksheet, matched by normalised name.</summary>
    public Zone? LastZone(int row) =>
        Previous is not null && Rows[row].Name?.Trim() is { Length: > 0 } name && TextRules.Problem(name) is null
            ? Previous.Find(Customer.Normalize(name))?.Zone
            : null;

    /// <summary>The version the form was loaded at; a save against an older one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public MeetingAccessResult Meeting { get; private set; } = null!;

    // Resolved once for the route by MembershipMiddleware; a refused save may update its status below.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Meeting = HttpContext.Meeting();
    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>After a "changed elsewhere" refusal: what the other tab saved, for comparison.</summary>
    public IReadOnlyList<WorksheetRow>? SavedElsewhere { get; private set; }

    public bool CanEdit => Meeting.Status == MeetingStatus.Open;

    /// <summary>What the rules made of the posted rows; empty on a plain GET.</summary>
    public WorksheetCheck Check { get; private set; } = new([], [], null);

    /// <summary>After a refused save: every problem, each linking to its field, for the summary at the top of the form.</summary>
    public ErrorSummary ErrorSummary => WorksheetErrorSummary.Build(ModelState, Dropping);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var saved = await LoadSavedAsync(Meeting.MeetingId, cancellationToken);
        (Rows, Version, SavedAt) = (saved.Rows, saved.Version, saved.SavedAt);
        Previous = await carryForward.FindAsync(Meeting.TeamId, Meeting.MeetingId, Meeting.Date, User.GetUserId(), cancellationToken);
        if (Previous is { Entries.Count: > 0 } && saved.Version == 0 && CanEdit)
        {
            // Last time's list, zones included, as a starting point: nothing counts until the rep saves it.
            Rows = [.. Previous.Entries.Select(e => WorksheetRow.From(e.Name, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))];
            CarriedForward = true;
        }
        else if (Previous is not null && saved.Version > 0)
        {
            var savedReasons = saved.Drops.Select(d => new DropInput { Customer = d.CustomerId.ToString(CultureInfo.InvariantCulture), Reason = d.Reason.ToString() }).ToList();
            Dropping = DropRules.Check(WorksheetRules.Check(Rows).Entries, Previous, savedReasons);
        }

        PadRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Errors are shown by row position from the check, and every row field is a string that always binds; drop
        // what binding recorded under the posted keys, or a crafted index order would show one row's text in another.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Rows", StringComparison.Ordinal) || k.StartsWith("Drops", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        Rows = [.. Rows.Select(r => r ?? new WorksheetRow())];
        Check = WorksheetRules.Check(Rows);
        foreach (var error in Check.Errors)
        {
            ModelState.AddModelError(error.Key, error.Message);
        }

        if (Check.FormError is not null)
        {
            ModelState.AddModelError(string.Empty, Check.FormError);
        }

        Previous = await carryForward.FindAsync(Meeting.TeamId, Meeting.MeetingId, Meeting.Date, User.GetUserId(), cancellationToken);
        Dropping = DropRules.Check(Check.Entries, Previous, Drops);
        if (Dropping.FormError is not null)
        {
            ModelState.AddModelError(string.Empty, Dropping.FormError);
        }

        // A row with an error is left out of the entries, so its customer would look dropped: ask for reasons only
        // once the rows themselves are right.
        if (Check.IsValid)
        {
            foreach (var (customerId, message) in Dropping.Errors)
            {
                ModelState.AddModelError(DropCheck.Key(customerId), message);
            }
        }

        if (ModelState.TryGetValue(nameof(Version), out var version) && version.Errors.Count > 0)
        {
            // Only a crafted or damaged post gets here; take the current version so saving again keeps this input.
            ModelState.Remove(nameof(Version));
            Version = (await LoadSavedAsync(Meeting.MeetingId, cancellationToken)).Version;
            ModelState.AddModelError(string.Empty,
                "The form arrived damaged, so nothing was saved. Your input is below: check it and save again, or reload the page to start from what is saved.");
        }

        if (!ModelState.IsValid)
        {
            return ShowBack(StatusCodes.Status422UnprocessableEntity);
        }

        var check = Check;
        SaveResult result;
        try
        {
            result = await saver.SaveAsync(Meeting.MeetingId, Meeting.TeamId, Meeting.Date, User.GetUserId(), Version, check.Entries, Dropping.Drops, cancellationToken);
        }
        catch (SaveFailedException)
        {
            // This save alone failed (the writer logged why); the rest of its batch was stored.
            ModelState.AddModelError(string.Empty,
                "Your worksheet could not be saved: something in it or in this meeting stopped the database. Nothing was saved; " +
                "your input is below. Save again, and if it fails again, tell your manager.");
            return ShowBack(StatusCodes.Status422UnprocessableEntity);
        }

        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                TempData["Message"] = check.Entries.Count == 0
                    ? "Saved: your worksheet is empty."
                    : $"Saved {check.Entries.Count} customer{(check.Entries.Count == 1 ? "" : "s")}. You can change them until the meeting is locked.";
                return RedirectToPage(new { id = Meeting.MeetingId });

            case SaveOutcome.ChangedElsewhere:
                var saved = await LoadSavedAsync(Meeting.MeetingId, cancellationToken);
                SavedElsewhere = saved.Rows;
                SavedAt = saved.SavedAt;
                // Saving again deliberately replaces the other version with what is on screen.
                Version = saved.Version;
                ModelState.Remove(nameof(Version));
                ModelState.AddModelError(string.Empty,
                    "This worksheet was changed elsewhere (another tab or device) after you opened it. " +
                    "Nothing was saved. Your input is below and the other version is listed for comparison; save again to keep yours.");
                return ShowBack(StatusCodes.Status409Conflict);

            default:
                var locked = result.Outcome == SaveOutcome.Locked;
                Meeting = Meeting with { Status = locked ? MeetingStatus.Locked : MeetingStatus.Draft };
                ModelState.AddModelError(string.Empty, locked
                    ? "The meeting is locked, so worksheets can no longer change. Nothing was saved; your input is below."
                    : "The meeting is not open for worksheets yet. Nothing was saved; your input is below.");
                return ShowBack(StatusCodes.Status409Conflict);
        }
    }

    private PageResult ShowBack(int statusCode)
    {
        Response.StatusCode = statusCode;
        PadRows();
        return Page();
    }

    private void PadRows()
    {
        while (Rows.Count < Worksheet.MaxEntries)
        {
            Rows.Add(new WorksheetRow());
        }
    }

    private sealed record SavedWorksheet(List<WorksheetRow> Rows, int Version, DateTimeOffset? SavedAt, IReadOnlyList<(int CustomerId, DropReason Reason)> Drops);

    private sealed record SavedEntry(int Position, string CustomerName, Zone Zone, AccountType AccountType, string? Note, bool Pinched, ThreeRs Causes);

    private sealed record SavedDrop(int CustomerId, DropReason Reason);

    private sealed record SavedRows(int Version, DateTimeOffset UpdatedAt, List<SavedEntry> Entries, List<SavedDrop> Drops);

    // Compiled: every worksheet GET asks, and a room opens its worksheets at once. One statement: ten entries times
    // a few drops is a small product, and it saves a round trip.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, string, CancellationToken, Task<SavedRows?>>> SavedQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, string repId, CancellationToken _) =>
            db.Worksheets.AsNoTracking().AsSingleQuery()
                .Where(w => w.MeetingId == meetingId && w.RepId == repId)
                .Select(w => new SavedRows(
                    w.Version,
                    w.UpdatedAt,
                    w.Entries.OrderBy(e => e.Position)
                        .Select(e => new SavedEntry(e.Position, e.CustomerName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))
                        .ToList(),
                    w.Drops.Select(d => new SavedDrop(d.CustomerId, d.Reason)).ToList()))
                .SingleOrDefault()));

    private async Task<SavedWorksheet> LoadSavedAsync(int meetingId, CancellationToken cancellationToken)
    {
        if (await SavedQuery.For(db)(db, meetingId, User.GetUserId(), cancellationToken) is not { } worksheet)
        {
            return new SavedWorksheet([], 0, null, []);
        }

        var rows = Enumerable.Range(0, Worksheet.MaxEntries).Select(_ => new WorksheetRow()).ToList();
        foreach (var e in worksheet.Entries)
        {
            rows[e.Position] = WorksheetRow.From(e.CustomerName, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes);
        }

        return new SavedWorksheet(rows, worksheet.Version, worksheet.UpdatedAt, [.. worksheet.Drops.Select(d => (d.CustomerId, d.Reason))]);
    }
}

/// <summary>What the row partial needs beyond the row itself: its place, the form's errors and last time's zone.</summary>
public sealed record WorksheetRowView(int Index, WorksheetCheck Check, Zone? LastZone)
{
    public const string Key = nameof(WorksheetRowView);

    public static IReadOnlyList<(AccountType Type, string Label)> AccountTypes { get; } =
        [(AccountType.Key, "Key account"), (AccountType.Growth, "Growth account"), (AccountType.New, "New account"), (AccountType.Standard, "Standard")];
}
