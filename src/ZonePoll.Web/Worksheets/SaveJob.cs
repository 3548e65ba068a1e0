namespace ZonePoll.Web.Worksheets;

/// <summary>
/// A save, prepared outside the lock by <see cref="WorksheetSaver"/>: what was typed, plus what could be read
/// beforehand (the worksheet's id, if it has one, and the customers the team already had, by normalised name).
/// <see cref="WorksheetWriter"/> queues it and <see cref="WorksheetApply"/> applies it.
/// </summary>
public sealed record SaveJob(
    int MeetingId,
    int TeamId,
    DateOnly MeetingDate,
    string RepId,
    int PostedVersion,
    IReadOnlyList<CleanEntry> Entries,
    IReadOnlyList<CleanDrop> Drops,
    int? WorksheetId,
    IReadOnlyDictionary<string, int> KnownCustomers,
    DateTimeOffset Now);
