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
public sealed class EditModel(ZonePollDbContext db, WorksheetSaver saver, CarryForward carryForward, TeamNames teamNames) : PageModel
{
    // WorksheetRules and DropRules judge rows and drops, and OnPostAsync drops what binding recorded for them, so the
    // framework's validation walk over forty-odd fields, paid on every save while a room saves at once, has nothing to add.
    [BindProperty]
    [ValidateNever]
    public List<WorksheetRow> Rows { get; set; } = [];

    /// <summary>Reasons for the customers of the previous worksheet who are not on this one.</summary>
    [BindProperty]
    [ValidateNever]
    public List<DropInput> Drops { get; set; } = [];

    /// <summary>Without script, the Remove button of a row posts its index here: the row is emptied, nothing saved.</summary>
    [BindProperty]
    [ValidateNever]
    public string? Remove { get; set; }

    /// <summary>Without script, "use the known name" on a row asked "Did you mean …?" posts its index here.</summary>
    [BindProperty]
    [ValidateNever]
    public string? UseKnown { get; set; }

    /// <summary>Rows asked "Did you mean …?", with the known name suggested.</summary>
    public Dictionary<int, string> Suggestions { get; } = [];

    /// <summary>Rows whose suggested name is already on another row of this sheet: only "a new customer" is offered.</summary>
    public HashSet<int> SuggestedFromSheet { get; } = [];

    /// <summary>What the page changed on a row without refusing it: ticks a zone move made stale, a replaced customer's details.</summary>
    public IReadOnlyList<RowError> Notes { get; private set; } = [];

    /// <summary>Names for the customer inputs' suggestions: the rep's own previous list first, then the team's.</summary>
    public IReadOnlyList<string> KnownNames { get; private set; } = [];

    /// <summary>After a Remove without script: the customer taken off, now asked about under "No longer on your list".</summary>
    public string? RemovedName { get; private set; }

    /// <summary>The previous worksheet's customer whose details fill the row, matched by the name it holds now.</summary>
    public CarriedEntry? CarriedAt(int row) =>
        Previous is not null && CarriedRows.NormalizedName(Rows[row]) is { } name ? Previous.Find(name) : null;

    /// <summary>The rep's previous worksheet in this team, or null for their first.</summary>
    public PreviousWorksheet? Previous { get; private set; }

    /// <summary>True when the rows shown are the previous worksheet's, not yet saved for this meeting.</summary>
    public bool CarriedForward { get; private set; }

    /// <summary>Customers gone since the previous worksheet, with the reasons given so far.</summary>
    public DropCheck Dropping { get; private set; } = new([], [], new Dictionary<int, string>(), null);

    /// <summary>The zone the row's customer had on the previous worksheet, matched by normalised name.</summary>
    public Zone? LastZone(int row) => CarriedAt(row)?.Zone;

    /// <summary>The version the form was loaded at; a save against an older one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public MeetingAccessResult Meeting { get; private set; } = null!;

    // Resolved once for the route by MembershipMiddleware; a refused save may update its status below.
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Meeting = HttpContext.Meeting();
    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>After a "changed elsewhere" refusal: what the other tab saved, for comparison.</summary>
    public IReadOnlyList<WorksheetRow>? SavedElsewhere { get; private set; }

    public bool CanEdit => Meeting.Status == MeetingStatus.Open && !Meeting.TeamArchived;

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
            var savedReasons = saved.Drops
                .Select(d => new DropInput { Customer = d.CustomerId.ToString(CultureInfo.InvariantCulture), Reason = d.Reason.ToString() })
                .ToList();
            Dropping = DropRules.Check(WorksheetRules.Check(Rows).Names, Previous, savedReasons);
        }

        Notes = RowNotes.Read(TempData.Peek(RowNotes.Key) as string);
        TempData.Remove(RowNotes.Key);
        await LoadKnownNamesAsync(cancellationToken);
        PadRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Errors are shown by row position from the check, and every row field is a string that always binds; drop
        // what binding recorded under the posted keys, or a crafted index order would show one row's text in another.
        var rowKeys = ModelState.Keys.Where(k => k.StartsWith("Rows", StringComparison.Ordinal) || k.StartsWith("Drops", StringComparison.Ordinal));
        foreach (var key in rowKeys.ToList())
        {
            ModelState.Remove(key);
        }

        // A browser sends ten rows; a crafted post of a thousand would otherwise be checked and drawn back row by row
        // (each row is a few kilobytes of page), and a Remove or UseKnown that names no row would fall through to a save.
        if (Rows.Count > Worksheet.MaxEntries || (Remove is not null && RowIndex(Remove) is null) || (UseKnown is not null && RowIndex(UseKnown) is null))
        {
            return BadRequest($"A worksheet holds at most {Worksheet.MaxEntries} rows, and Remove or Use names one of them.");
        }

        Rows = [.. Rows.Select(r => r ?? new WorksheetRow())];
        Previous = await carryForward.FindAsync(Meeting.TeamId, Meeting.MeetingId, Meeting.Date, User.GetUserId(), cancellationToken);

        // Reasons chosen on the rows (Remove, or a name typed over a carried customer, in the browser) join the ones
        // posted under "No longer on your list". Once the customer is back on a row, the row's reason is moot.
        var drops = new List<DropInput?>(Drops);
        var rowsBefore = Rows.Select(CarriedRows.NormalizedName).ToHashSet(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            if (row.Dropped is { Length: > 0 } dropped && !string.IsNullOrEmpty(row.DropReason)
                && (!int.TryParse(dropped, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    || Previous?.Find(id) is not { } gone
                    || !rowsBefore.Contains(gone.NormalizedName)))
            {
                drops.Add(new DropInput { Customer = dropped, Reason = row.DropReason });
            }
        }

        var replaced = CarriedRows.ForgetReplaced(Rows, Previous);
        if (RowIndex(Remove) is { } removed)
        {
            return await RemoveRowAsync(removed, replaced, drops, cancellationToken);
        }

        if (RowIndex(UseKnown) is { } useKnown)
        {
            return await UseKnownNameAsync(useKnown, replaced, drops, cancellationToken);
        }

        Check = WorksheetRules.Check(Rows);
        foreach (var error in Check.Errors)
        {
            ModelState.AddModelError(error.Key, error.Message);
        }

        if (Check.FormError is not null)
        {
            ModelState.AddModelError(string.Empty, Check.FormError);
        }

        // Ticks the zone made stale are gone from what is saved; the page shows them gone too, and says so.
        foreach (var note in Check.RowNotes)
        {
            if (note.Field == "Pinch")
            {
                Rows[note.Row].Pinch = null;
            }
            else if (note.Field == "Causes")
            {
                Rows[note.Row].Causes = [];
            }
            else if (note.Field == WorksheetRules.BlankRowTicks)
            {
                (Rows[note.Row].Zone, Rows[note.Row].Pinch, Rows[note.Row].Causes) = (null, null, []);
            }
        }

        Notes = [.. replaced, .. Check.RowNotes];
        Dropping = DropRules.Check(Check.Names, Previous, drops);
        if (Dropping.FormError is not null)
        {
            ModelState.AddModelError(string.Empty, Dropping.FormError);
        }

        // Asked at once with the rows' own problems, so one refused save lists everything: a row with an error still
        // counts as on the list by its name (Check.Names), so its customer is never asked about as gone.
        foreach (var (customerId, message) in Dropping.Errors)
        {
            ModelState.AddModelError(DropCheck.Key(customerId), message);
        }

        var known = await AskDidYouMeanAsync(cancellationToken);

        if (ModelState.TryGetValue(nameof(Version), out var version) && version.Errors.Count > 0)
        {
            // Only a crafted or damaged post gets here; take the current version so saving again keeps this input.
            ModelState.Remove(nameof(Version));
            Version = (await LoadSavedAsync(Meeting.MeetingId, cancellationToken)).Version;
            ModelState.AddModelError(string.Empty,
                "The form arrived damaged, so nothing was saved. Your input is below: check it and save again, "
                + "or reload the page to start from what is saved.");
        }

        if (!ModelState.IsValid)
        {
            return await ShowBackAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var check = Check;
        SaveResult result;
        try
        {
            result = await saver.SaveAsync(
                Meeting.MeetingId, Meeting.TeamId, Meeting.Date, User.GetUserId(), Version, check.Entries, Dropping.Drops, cancellationToken, known);
        }
        catch (SaveFailedException)
        {
            // This save alone failed (the writer logged why); the rest of its batch was stored.
            ModelState.AddModelError(string.Empty,
                "Your worksheet could not be saved: something in it or in this meeting stopped the database. Nothing was saved; " +
                "your input is below. Save again, and if it fails again, tell your manager.");
            return await ShowBackAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                if (Notes.Count > 0)
                {
                    TempData[RowNotes.Key] = RowNotes.Write(Notes);
                }

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
                return await ShowBackAsync(StatusCodes.Status409Conflict, cancellationToken);

            default:
                var locked = result.Outcome == SaveOutcome.Locked;
                Meeting = Meeting with { Status = locked ? MeetingStatus.Locked : MeetingStatus.Draft };
                ModelState.AddModelError(string.Empty, locked
                    ? "The meeting is locked, so worksheets can no longer change. Nothing was saved; your input is below."
                    : "The meeting is not open for worksheets yet. Nothing was saved; your input is below.");
                return await ShowBackAsync(StatusCodes.Status409Conflict, cancellationToken);
        }
    }

    private async Task<PageResult> ShowBackAsync(int statusCode, CancellationToken cancellationToken)
    {
        Response.StatusCode = statusCode;
        await LoadKnownNamesAsync(cancellationToken);
        PadRows();
        return Page();
    }

    private int? RowIndex(string? posted) =>
        int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < Math.Min(Rows.Count, Worksheet.MaxEntries) ? row : null;

    /// <summary>
    /// Remove without script: the row is emptied for a replacement and its customer is asked about under "No longer on
    /// your list". Nothing is saved and nothing else typed changes; the rep saves when the list is right.
    /// </summary>
    private async Task<IActionResult> RemoveRowAsync(int row, IReadOnlyList<RowError> replaced, List<DropInput?> drops, CancellationToken cancellationToken)
    {
        RemovedName = Previous is not null && CarriedRows.NormalizedName(Rows[row]) is { } name ? Previous.Find(name)?.Name : null;
        Rows[row] = new WorksheetRow();
        return await ShowEditedAsync(replaced, drops, cancellationToken);
    }

    /// <summary>"Use the known name" without script: the row takes the suggested name; nothing is saved yet.</summary>
    private async Task<IActionResult> UseKnownNameAsync(int row, IReadOnlyList<RowError> replaced, List<DropInput?> drops, CancellationToken cancellationToken)
    {
        if (CarriedRows.NormalizedName(Rows[row]) is { } name)
        {
            if (NameMatch.Suggest([name], await teamNames.ReadAsync(db, Meeting.TeamId, cancellationToken))[0] is { } known)
            {
                Rows[row].Name = known.Name;
                Rows[row].NewCustomer = null;
            }
        }

        return await ShowEditedAsync(replaced, drops, cancellationToken);
    }

    private async Task<IActionResult> ShowEditedAsync(IReadOnlyList<RowError> replaced, List<DropInput?> drops, CancellationToken cancellationToken)
    {
        var names = WorksheetRules.Check(Rows).Names;
        Notes = replaced;
        Dropping = DropRules.Check(names, Previous, drops);
        if (ModelState.TryGetValue(nameof(Version), out var version) && version.Errors.Count > 0)
        {
            ModelState.Remove(nameof(Version));
            Version = (await LoadSavedAsync(Meeting.MeetingId, cancellationToken)).Version;
        }

        return await ShowBackAsync(StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>
    /// Refuses, once per name, a new customer whose name is close to one the team already has ("Contoso Limited" for
    /// "Contoso Ltd"): the rep picks the known name or confirms a new customer. Only rows naming no customer of the
    /// previous list ask; the team's exact matches are read once and handed to the save; the whole team list
    /// (<see cref="TeamNames"/>) is asked only when some name matches none exactly.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, int>?> AskDidYouMeanAsync(CancellationToken cancellationToken)
    {
        var asking = Check.Entries
            .Where(e => Previous?.Find(e.NormalizedName) is null
                && !(Rows[e.Position].NewCustomer?.Trim() is { Length: > 0 and <= Customer.NameMaxLength } confirmed
                    && TextRules.Problem(confirmed, TextKind.Name) is null
                    && Customer.Normalize(confirmed) == e.NormalizedName))
            .ToList();
        if (asking.Count == 0)
        {
            return null;
        }

        var known = await KnownCustomers.ReadAsync(db, Meeting.TeamId, Check.Entries, cancellationToken);
        asking.RemoveAll(e => known.ContainsKey(e.NormalizedName));
        if (asking.Count == 0)
        {
            return known;
        }

        // Every team customer, those on this sheet too: "Contoso Limited" typed below "Contoso Ltd" is as likely a slip.
        var team = await teamNames.ReadAsync(db, Meeting.TeamId, cancellationToken);
        var suggestions = NameMatch.Suggest([.. asking.Select(e => e.NormalizedName)], team);
        for (var i = 0; i < asking.Count; i++)
        {
            // Two new names on one sheet are in no team list yet ("Contoso Ltd" and "Contoso Limited" on a first
            // worksheet): the later row is asked about the earlier one, so only one of the pair asks.
            var position = asking[i].Position;
            var suggestion = suggestions[i] ?? Check.Entries
                .Where(o => o.Position < position && NameMatch.IsNear(o.NormalizedName, asking[i].NormalizedName))
                .Select(o => new KnownName(o.Name, o.NormalizedName))
                .FirstOrDefault();
            if (suggestion is not null)
            {
                Suggestions[position] = suggestion.Name;
                var normalized = Customer.Normalize(suggestion.Name);
                // Offering a name already on another row would only lead to "each customer goes on one row".
                var onRow = Check.Entries.FirstOrDefault(o => o.Position != position && o.NormalizedName == normalized);
                if (onRow is not null)
                {
                    SuggestedFromSheet.Add(position);
                }

                ModelState.AddModelError(new RowError(position, "Name", "").Key, onRow is null
                    ? $"Did you mean {suggestion.Name}?"
                    : $"Did you mean {suggestion.Name}? It is already on row {onRow.Position + 1}: clear this row if it is the same customer.");
            }
        }

        return known;
    }

    /// <summary>The datalist the name inputs suggest from: the rep's previous customers, then the team's, each once.</summary>
    private async Task LoadKnownNamesAsync(CancellationToken cancellationToken)
    {
        var team = await TeamNamesQuery.For(db)(db, Meeting.TeamId, MaxSuggestedNames).ToListAsync(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        var candidates = (Previous?.Entries ?? []).Select(e => (e.Name, e.NormalizedName)).Concat(team.Select(t => (t.Name, t.NormalizedName)));
        foreach (var (name, normalized) in candidates)
        {
            if (names.Count < MaxSuggestedNames && seen.Add(normalized))
            {
                names.Add(name);
            }
        }

        KnownNames = names;
    }

    // Every worksheet page carries the list, and a room opens its pages at once: a few hundred names cover a team's
    // customers, while a 500-rep team's 5,000 would add a few hundred kilobytes to each page.
    private const int MaxSuggestedNames = 500;

    // Compiled, two columns, untracked, a bounded slice: "Did you mean" asks against the whole list, kept by TeamNames.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, IAsyncEnumerable<KnownName>>> TeamNamesQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId, int limit) =>
            db.Customers.AsNoTracking()
                .Where(c => c.TeamId == teamId)
                .OrderBy(c => c.NormalizedName)
                .Select(c => new KnownName(c.Name, c.NormalizedName))
                .Take(limit)));

    private void PadRows()
    {
        while (Rows.Count < Worksheet.MaxEntries)
        {
            Rows.Add(new WorksheetRow());
        }
    }

    private sealed record SavedWorksheet(
        List<WorksheetRow> Rows, int Version, DateTimeOffset? SavedAt, IReadOnlyList<(int CustomerId, DropReason Reason)> Drops);

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

/// <summary>
/// What the row partial needs beyond the row itself: its place, the form's errors, the carried customer whose details
/// fill it (last time's zone comes from there), notes on what the save changed, a "Did you mean" suggestion.
/// </summary>
public sealed record WorksheetRowView(
    int Index, WorksheetCheck Check, CarriedEntry? Carried, IReadOnlyList<string> Notes, string? Suggestion, bool CanEdit, bool SuggestionOnSheet = false)
{
    public Zone? LastZone => Carried?.Zone;

    public const string Key = nameof(WorksheetRowView);

    public static IReadOnlyList<(AccountType Type, string Label)> AccountTypes { get; } =
        [(AccountType.Key, "Key account"), (AccountType.Growth, "Growth account"), (AccountType.New, "New account"), (AccountType.Standard, "Standard")];
}
