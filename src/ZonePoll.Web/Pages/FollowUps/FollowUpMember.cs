using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.FollowUps;

/// <summary>A member of the follow-up's team a manager may hand it to.</summary>
public sealed record FollowUpMember(string Id, string Name, TeamRole Role);
