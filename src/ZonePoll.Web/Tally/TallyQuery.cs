using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Tally;

/// <summary>What one load read: the builder's input, and the rows to reuse when the meeting is loaded again.</summary>
public sealed record TallyLoad(TallyInput Input, TallyRows Rows);

/// <summary>
/// Rows read for a meeting, kept beside its cached snapshot. Worksheets carry a version bumped by every save and are
/// never deleted, and every save to an earlier meeting bumps that meeting's worksheets version, so a later load compares
/// those versions and re-reads only what moved: after one save in a 1,000-rep meeting, one worksheet instead of a thousand.
/// Immutable, so two loads may share it.
/// </summary>
public sealed class TallyRows
{
    internal TallyRows(
        int meetingId, RosterRows roster, IReadOnlyDictionary<int, SheetRows> sheets, EarlierRows earlier, IReadOnlyDictionary<int, KeptFollowUp> followUps)
    {
        MeetingId = meetingId;
        Roster = roster;
        Sheets = sheets;
        Earlier = earlier;
        FollowUps = followUps;
    }

    internal int MeetingId { get; }

    internal RosterRows Roster { get; }

    internal IReadOnlyDictionary<int, SheetRows> Sheets { get; }

    internal EarlierRows Earlier { get; }

    /// <summary>The live follow-ups by id, with the version each was read at.</summary>
    internal IReadOnlyDictionary<int, KeptFollowUp> FollowUps { get; }
}

internal sealed record KeptFollowUp(int Version, TallyFollowUp Row);

/// <summary>The team's reps at <see cref="Teams.Team.RosterVersion"/>, in the builder's order (<see cref="TallyBuilder.InNameOrder"/>).</summary>
internal sealed record RosterRows(int Version, IReadOnlyList<TallyRep> Reps);

/// <summary>A worksheet's rows at its version; arrays, so a load copies them into its own in one move each.</summary>
internal sealed record SheetRows(int Version, TallyEntry[] Entries, TallyDrop[] Drops);

/// <summary>The team's earlier meetings (id, date and worksheets version) and what the snapshot takes from them.</summary>
internal sealed record EarlierRows(
    IReadOnlyList<(int Id, DateOnly Date, int Version)> Meetings,
    DateOnly? PreviousDate,
    IReadOnlyList<PreviousEntry> Previous,
    IReadOnlyList<PreviousEntry> RepPrevious)
{
    /// <summary>Built with these rows and kept with them, so every load that reuses them reuses it.</summary>
    public PreviousLookup Lookup { get; } = PreviousLookup.Of(Previous, RepPrevious);

    public bool Matches(IReadOnlyList<(int Id, DateOnly Date, int Version)> meetings) => Meetings.SequenceEqual(meetings);
}

/// <summary>Loads what a tally needs with no-tracking projections and hands it to <see cref="TallyBuilder"/>.</summary>
public sealed class TallyQuery(ZonePollDbContext db, TimeProvider clock)
{
    public async Task<TallySnapshot?> BuildAsync(int meetingId, CancellationToken cancellationToken) =>
        await LoadAsync(meetingId, reuse: null, cancellationToken) is { } load ? TallyBuilder.Build(load.Input) : null;

    public async Task<TallyInput?> LoadAsync(int meetingId, CancellationToken cancellationToken) =>
        (await LoadAsync(meetingId, reuse: null, cancellationToken))?.Input;

    /// <summary>
    /// A header row, then one flat statement per list (roster, entries, drops, prompts, previous entries): SQLite has
    /// no APPLY, and one joined statement would multiply 5,000 entries by the roster. "Previous" is the team's latest
    /// earlier meeting (by date, then id) with a saved list (entries, or drop reasons for a list emptied); for a rep, their
    /// own latest earlier worksheet with either, the one carry-forward starts from.
    /// Entries and drops are read only for worksheets new or changed since <paramref name="reuse"/>, follow-ups only when
    /// new or changed, the roster only when a member changed, and the previous lists only when an earlier meeting's
    /// worksheets changed. Every row read is at least as new as the version the caller read before calling, so a
    /// snapshot is never older than the version it is kept under.
    /// </summary>
    public async Task<TallyLoad?> LoadAsync(int meetingId, TallyRows? reuse, CancellationToken cancellationToken)
    {
        if (reuse?.MeetingId != meetingId)
        {
            reuse = null;
        }

        // One open for the statements below, not one each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await HeaderQuery.For(db)(db, meetingId, cancellationToken) is not { } header)
        {
            return null;
        }

        var roster = await LoadRosterAsync(header, reuse, cancellationToken);
        var sheets = await LoadSheetsAsync(meetingId, reuse, cancellationToken);
        var prompts = await PromptsQuery.For(db)(db, meetingId).ToListAsync(cancellationToken);
        var earlier = await LoadEarlierAsync(meetingId, header.TeamId, header.Meeting.Date, reuse, cancellationToken);

        var followUps = await LoadFollowUpsAsync(meetingId, header.TeamId, header.Meeting.Date, reuse, cancellationToken);
        var (actions, lastTime) = await LoadActionsAsync(meetingId, header.TeamId, header.Meeting.Date, cancellationToken);

        // Worksheet order, as a full read returns them, whatever was reused.
        var ordered = sheets.OrderBy(s => s.Key).Select(s => s.Value).ToList();
        var input = new TallyInput(
            header.Meeting with { PreviousDate = earlier.PreviousDate },
            roster.Reps,
            Flatten(ordered, s => s.Entries),
            earlier.Previous,
            earlier.RepPrevious,
            Flatten(ordered, s => s.Drops),
            prompts,
            InIdOrder(followUps),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            actions,
            lastTime,
            earlier.Lookup);
        return new TallyLoad(input, new TallyRows(meetingId, roster, sheets, earlier, followUps));
    }

    // Every entry of the meeting at every build: one array of the right size, each worksheet's copied in one move.
    private static T[] Flatten<T>(List<SheetRows> sheets, Func<SheetRows, T[]> rows)
    {
        var count = 0;
        foreach (var sheet in sheets)
        {
            count += rows(sheet).Length;
        }

        var all = new T[count];
        var at = 0;
        foreach (var sheet in sheets)
        {
            var these = rows(sheet);
            these.CopyTo(all, at);
            at += these.Length;
        }

        return all;
    }

    private static TallyFollowUp[] InIdOrder(Dictionary<int, KeptFollowUp> followUps)
    {
        var ids = followUps.Keys.ToArray();
        Array.Sort(ids);
        return Array.ConvertAll(ids, id => followUps[id].Row);
    }

    /// <summary>
    /// The roster, read again only when the team's roster version moved: 2,000 names at every build of a 2,000-rep room
    /// otherwise. Read after the header, so the rows are at least as new as the version they are kept under. Sorted here,
    /// once per read, so the builder finds them in order instead of sorting them by culture at every build.
    /// </summary>
    private async Task<RosterRows> LoadRosterAsync(Header header, TallyRows? reuse, CancellationToken cancellationToken)
    {
        if (reuse?.Roster is { } kept && kept.Version == header.RosterVersion)
        {
            return kept;
        }

        var reps = await RepsQuery.For(db)(db, header.TeamId).ToListAsync(cancellationToken);
        return new RosterRows(header.RosterVersion, TallyBuilder.InNameOrder(reps));
    }

    private async Task<Dictionary<int, SheetRows>> LoadSheetsAsync(int meetingId, TallyRows? reuse, CancellationToken cancellationToken)
    {
        var stamps = await SheetStampsQuery.For(db)(db, meetingId).ToListAsync(cancellationToken);
        var sheets = new Dictionary<int, SheetRows>(stamps.Count);
        List<int> changed = [];
        foreach (var stamp in stamps)
        {
            if (reuse is not null && reuse.Sheets.TryGetValue(stamp.Id, out var kept) && kept.Version == stamp.Version)
            {
                sheets[stamp.Id] = kept;
            }
            else
            {
                changed.Add(stamp.Id);
            }
        }

        if (changed.Count == 0)
        {
            return sheets;
        }

        // Most of the meeting changed (or nothing was kept): one scan by meeting beats a long list of ids. The list goes
        // as one parameter: one per id (EF's default) is a statement to write, parse and bind by name for each length.
        var all = changed.Count > stamps.Count / 2;
        var changedSheets = db.Worksheets.AsNoTracking().Where(all ? w => w.MeetingId == meetingId : w => EF.Parameter(changed).Contains(w.Id));
        var entries = await changedSheets
            .SelectMany(w => w.Entries, (w, e) => new
            {
                WorksheetId = w.Id,
                w.RepId,
                e.Position,
                e.CustomerId,
                e.Customer!.Name,
                e.Zone,
                e.AccountType,
                e.Note,
                e.Pinched,
                e.Causes,
            })
            .ToListAsync(cancellationToken);
        var drops = await changedSheets
            .SelectMany(w => w.Drops, (w, d) => new { WorksheetId = w.Id, w.RepId, d.CustomerId, d.Customer!.Name, d.Reason, d.LastZone })
            .ToListAsync(cancellationToken);

        var entriesOf = entries.ToLookup(e => e.WorksheetId);
        var dropsOf = drops.ToLookup(d => d.WorksheetId);
        foreach (var stamp in stamps.Where(s => !sheets.ContainsKey(s.Id)))
        {
            // A worksheet saved after the stamps were read may show newer rows under its older version: the next load
            // sees the version moved and reads it again. Every row brings its rep's id: the sheet keeps one of them.
            var sheetEntries = entriesOf[stamp.Id];
            var sheetDrops = dropsOf[stamp.Id];
            var repId = sheetEntries.Select(e => e.RepId).FirstOrDefault() ?? sheetDrops.Select(d => d.RepId).FirstOrDefault() ?? "";
            sheets[stamp.Id] = new SheetRows(
                stamp.Version,
                [.. sheetEntries
                    .OrderBy(e => e.Position)
                    .Select(e => new TallyEntry(repId, e.CustomerId, e.Name, e.Zone, e.AccountType, e.Note, e.Pinched, e.Causes))],
                [.. sheetDrops.OrderBy(d => d.CustomerId).Select(d => new TallyDrop(repId, d.CustomerId, d.Name, d.Reason, d.LastZone))]);
        }

        return sheets;
    }

    /// <summary>
    /// The meeting's actions, and those of the team's latest earlier meeting (by date, then id) that agreed any. Not
    /// kept between loads: a meeting agrees a handful, and marking one done moves every meeting of the team.
    /// </summary>
    private async Task<(List<TallyAction> Actions, TallyEarlierActions? LastTime)> LoadActionsAsync(
        int meetingId, int teamId, DateOnly date, CancellationToken cancellationToken)
    {
        var last = await LastActionsMeetingQuery.For(db)(db, meetingId, teamId, date, cancellationToken);
        var rows = await ActionsQuery.For(db)(db, meetingId, last?.Id ?? meetingId).ToListAsync(cancellationToken);
        return (
            [.. rows.Where(r => r.MeetingId == meetingId).Select(r => r.Action)],
            last is null ? null : new TallyEarlierActions(last.Id, last.Title, last.Date, [.. rows.Where(r => r.MeetingId == last.Id).Select(r => r.Action)]));
    }

    /// <summary>
    /// The team's follow-ups live at this meeting: opened by its date, and open, closed since it began, or closed by its
    /// own worksheets (saved days before the meeting, as reps fill them).
    /// Every change to a follow-up bumps its version, and the names it shows never change, so after the ids and
    /// versions (a narrow read of the index) only new or changed ones are read with their customer and owner: a
    /// 500-rep room has a couple of thousand, and reading them all was two fifths of each build.
    /// </summary>
    private async Task<Dictionary<int, KeptFollowUp>> LoadFollowUpsAsync(
        int meetingId, int teamId, DateOnly date, TallyRows? reuse, CancellationToken cancellationToken)
    {
        var since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (reuse is null)
        {
            var all = new Dictionary<int, KeptFollowUp>();
            await foreach (var row in LiveFollowUpsQuery.For(db)(db, meetingId, teamId, date, since).WithCancellation(cancellationToken))
            {
                all[row.FollowUp.Id] = Kept(row);
            }

            return all;
        }

        var stamps = await FollowUpStampsQuery.For(db)(db, meetingId, teamId, date, since).ToListAsync(cancellationToken);
        var kept = new Dictionary<int, KeptFollowUp>(stamps.Count);
        List<int> changed = [];
        foreach (var stamp in stamps)
        {
            if (reuse.FollowUps.TryGetValue(stamp.Id, out var row) && row.Version == stamp.Version)
            {
                kept[stamp.Id] = row;
            }
            else
            {
                changed.Add(stamp.Id);
            }
        }

        if (changed.Count > stamps.Count / 2)
        {
            // Most of them changed (after a burst): one read of them all beats many slices of ids.
            return await LoadFollowUpsAsync(meetingId, teamId, date, reuse: null, cancellationToken);
        }

        // By id alone: these were live when their stamps were read. One changed since (saved, or closed by another
        // meeting's worksheets) shows its newer state under its older version, and the next load, which that change's
        // bump brings, sees the version moved and reads it again or lets it go.
        foreach (var slice in changed.Chunk(FollowUpSlice))
        {
            await foreach (var row in FollowUpsByIdQuery.For(db)(db, slice).WithCancellation(cancellationToken))
            {
                kept[row.FollowUp.Id] = Kept(row);
            }
        }

        return kept;
    }

    private static KeptFollowUp Kept(FollowUpRow row) =>
        new(row.Version, row.FollowUp with { ClosedOn = row.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime) : null });

    // A build after a few saves reads a handful of changed follow-ups: one slice, one cached statement.
    private const int FollowUpSlice = 40;

    /// <summary>
    /// Every earlier worksheet with a list (entries, or drop reasons for a list emptied), newest first: the first is the
    /// team's previous meeting, and each rep's first is their own previous worksheet, the one carry-forward starts from.
    /// A few thousand small rows even for a team with years of meetings, read
    /// again only when an earlier meeting's worksheets changed (or one was added, or moved in date).
    /// </summary>
    private async Task<EarlierRows> LoadEarlierAsync(int meetingId, int teamId, DateOnly date, TallyRows? reuse, CancellationToken cancellationToken)
    {
        var meetings = (await EarlierMeetingsQuery.For(db)(db, meetingId, teamId, date).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Date, m.WorksheetsVersion))
            .ToList();
        if (reuse is not null && reuse.Earlier.Matches(meetings))
        {
            return reuse.Earlier;
        }

        var earlier = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == teamId && w.MeetingId != meetingId && (w.Entries.Any() || w.Drops.Any())
                && (w.Meeting.Date < date || (w.Meeting.Date == date && w.MeetingId < meetingId)))
            .OrderByDescending(w => w.Meeting!.Date).ThenByDescending(w => w.MeetingId)
            .Select(w => new { w.Id, w.RepId, w.MeetingId, w.Meeting!.Date })
            .ToListAsync(cancellationToken);
        if (earlier.Count == 0)
        {
            return new EarlierRows(meetings, null, [], []);
        }

        var teamPrevious = earlier[0].MeetingId;
        var teamSheets = earlier.Where(w => w.MeetingId == teamPrevious).Select(w => w.Id);
        var repSheets = earlier.DistinctBy(w => w.RepId).Select(w => w.Id);
        var wanted = teamSheets.Union(repSheets).ToList();
        var loaded = await db.Entries.AsNoTracking()
            .Where(e => wanted.Contains(e.WorksheetId))
            .Select(e => new { e.WorksheetId, e.CustomerId, e.Zone })
            .ToListAsync(cancellationToken);
        var sheets = earlier.ToDictionary(w => w.Id);
        var repSheetIds = repSheets.ToHashSet();
        return new EarlierRows(
            meetings,
            earlier[0].Date,
            [.. loaded
                .Where(e => sheets[e.WorksheetId].MeetingId == teamPrevious)
                .Select(e => new PreviousEntry(sheets[e.WorksheetId].RepId, e.CustomerId, e.Zone))],
            [.. loaded.Where(e => repSheetIds.Contains(e.WorksheetId)).Select(e => new PreviousEntry(sheets[e.WorksheetId].RepId, e.CustomerId, e.Zone))]);
    }

    // Compiled: a room saving at its own pace rebuilds up to twenty times a second, and EF translated and cached each of
    // these fixed statements on every build (bench/README.md).
    private sealed record Header(TallyMeeting Meeting, int TeamId, int RosterVersion);

    // Read at every build, a row per worksheet and per live follow-up: values, not objects. No rep id either: only a
    // changed worksheet needs it, and its rows bring it.
    private readonly record struct SheetStamp(int Id, int Version);

    private sealed record MeetingStamp(int Id, DateOnly Date, int WorksheetsVersion);

    private readonly record struct FollowUpStamp(int Id, int Version);

    /// <summary>A follow-up as the builder takes it, with its version, and the instant it closed (the builder takes the day).</summary>
    private sealed record FollowUpRow(int Version, DateTimeOffset? ClosedAt, TallyFollowUp FollowUp);

    private sealed record ActionsMeeting(int Id, string Title, DateOnly Date);

    private sealed record ActionRow(int MeetingId, TallyAction Action);

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, CancellationToken, Task<Header?>>> HeaderQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, CancellationToken _) =>
            db.Meetings.AsNoTracking()
                .Where(m => m.Id == meetingId)
                .Select(m => new Header(
                    new TallyMeeting(m.Id, m.Title, m.Team!.Name, m.Date, m.Status, m.ResultsRevealed, m.ShowCustomerNames, null),
                    m.TeamId,
                    m.Team!.RosterVersion))
                .SingleOrDefault()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, IAsyncEnumerable<TallyRep>>> RepsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int teamId) =>
            db.TeamMembers.AsNoTracking()
                .Where(tm => tm.TeamId == teamId && tm.Role == TeamRole.Rep)
                .Select(tm => new TallyRep(tm.UserId, tm.User!.DisplayName))));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, IAsyncEnumerable<TallyPrompt>>> PromptsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId) =>
            db.MeetingPrompts.AsNoTracking()
                .Where(p => p.MeetingId == meetingId)
                .OrderBy(p => p.Position).ThenBy(p => p.Id)
                .Select(p => new TallyPrompt(p.Text, p.Show))));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, IAsyncEnumerable<SheetStamp>>> SheetStampsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId) =>
            db.Worksheets.AsNoTracking()
                .Where(w => w.MeetingId == meetingId)
                .Select(w => new SheetStamp(w.Id, w.Version))));

    // The follow-ups live at a meeting (LoadFollowUpsAsync): the stamps and the full read of them all share this window.
    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, DateOnly, DateTimeOffset, IAsyncEnumerable<FollowUpStamp>>> FollowUpStampsQuery =
        new(() => EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int teamId, DateOnly date, DateTimeOffset since) =>
            db.FollowUps.AsNoTracking()
                .Where(f => f.TeamId == teamId && f.OpenedOn <= date && (f.ClosedAt == null || f.ClosedAt >= since || f.ClosedMeetingId == meetingId))
                .Select(f => new FollowUpStamp(f.Id, f.Version))));

    private static readonly Expression<Func<FollowUp, FollowUpRow>> RowOf = f => new FollowUpRow(
        f.Version,
        f.ClosedAt,
        new TallyFollowUp(
            f.Id, f.CustomerId, f.Customer!.Name, f.Owner!.DisplayName, f.Cause, f.OpenedOn, f.DueOn, f.ClarifiedOn, f.FixedOn, f.FollowedUpOn,
            null, f.Closure, f.DropReason));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, DateOnly, DateTimeOffset, IAsyncEnumerable<FollowUpRow>>> LiveFollowUpsQuery =
        new(() => EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int teamId, DateOnly date, DateTimeOffset since) =>
            db.FollowUps.AsNoTracking()
                .Where(f => f.TeamId == teamId && f.OpenedOn <= date && (f.ClosedAt == null || f.ClosedAt >= since || f.ClosedMeetingId == meetingId))
                .Select(RowOf)));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int[], IAsyncEnumerable<FollowUpRow>>> FollowUpsByIdQuery =
        new(() => EF.CompileAsyncQuery((ZonePollDbContext db, int[] ids) =>
            db.FollowUps.AsNoTracking()
                .Where(f => ids.Contains(f.Id))
                .Select(RowOf)));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, DateOnly, IAsyncEnumerable<MeetingStamp>>> EarlierMeetingsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int teamId, DateOnly date) =>
            db.Meetings.AsNoTracking()
                .Where(m => m.TeamId == teamId && m.Id != meetingId && (m.Date < date || (m.Date == date && m.Id < meetingId)))
                .OrderBy(m => m.Id)
                .Select(m => new MeetingStamp(m.Id, m.Date, m.WorksheetsVersion))));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, DateOnly, CancellationToken, Task<ActionsMeeting?>>> LastActionsMeetingQuery =
        new(() => EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int teamId, DateOnly date, CancellationToken _) =>
            db.Meetings.AsNoTracking()
                .Where(m => m.TeamId == teamId && m.Id != meetingId && (m.Date < date || (m.Date == date && m.Id < meetingId))
                    && db.MeetingActions.Any(a => a.MeetingId == m.Id))
                .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
                .Select(m => new ActionsMeeting(m.Id, m.Title, m.Date))
                .FirstOrDefault()));

    private static readonly CompiledQuery<Func<ZonePollDbContext, int, int, IAsyncEnumerable<ActionRow>>> ActionsQuery = new(() =>
        EF.CompileAsyncQuery((ZonePollDbContext db, int meetingId, int lastId) =>
            db.MeetingActions.AsNoTracking()
                .Where(a => a.MeetingId == meetingId || a.MeetingId == lastId)
                .OrderBy(a => a.Id)
                .Select(a => new ActionRow(
                    a.MeetingId,
                    new TallyAction(a.Id, a.Text, a.Owner!.DisplayName, a.DueOn, a.DoneOn, a.CustomerId, a.Customer!.Name, a.Prompt!.Text)))));
}
