using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>
/// Why the customer is here: one rep's worksheet entry for them at the latest meeting that rep listed them, with
/// the zone, the Three R's ticked, the pinch and the note.
/// </summary>
public sealed record FollowUpContextEntry(string Rep, string MeetingTitle, DateOnly MeetingDate, Zone Zone, ThreeRs Causes, bool Pinched, string? Note);
