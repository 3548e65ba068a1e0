using System.Collections.Concurrent;

namespace ZonePoll.Web.Tally;

/// <summary>What every projector of a meeting shows besides the snapshot: the view and the prompt on screen.</summary>
public sealed record ProjectorView(string View, int Prompt)
{
    /// <summary>The views the projector page has (present.js names its buttons by them), in the order keys 1–n choose them.</summary>
    public static IReadOnlyList<string> Views { get; } = ["tally", "since", "prompt", "actions"];

    // After Views: static properties start in the order they are written.
    public static ProjectorView Start { get; } = new(Views[0], 0);
}

/// <summary>
/// The view and prompt each meeting's projectors show, so a command from the dashboard or a phone moves them all and a
/// projector opened late starts where the others are. Names and the reveal are the meeting's own columns (see
/// <see cref="ProjectorSwitches"/>); this is only where the room is in the discussion.
/// </summary>
/// <remarks>
/// Held in memory by the instance that took the command: nothing is lost that matters after a restart (the meeting
/// goes on from the first prompt). With several instances the command still reaches every instance's projectors
/// (the hub's group send goes through the Redis backplane), but a projector opened late on another instance starts
/// from that instance's own record until the next command. One small record per meeting ever presented.
/// </remarks>
public sealed class ProjectorState
{
    private readonly ConcurrentDictionary<int, ProjectorView> _meetings = new();

    public ProjectorView Get(int meetingId) => _meetings.GetValueOrDefault(meetingId, ProjectorView.Start);

    public ProjectorView ShowView(int meetingId, string view) =>
        _meetings.AddOrUpdate(meetingId, _ => ProjectorView.Start with { View = view }, (_, now) => now with { View = view });

    /// <summary>Steps the prompt by <paramref name="step"/>, round the meeting's <paramref name="prompts"/> prompts.</summary>
    public ProjectorView MovePrompt(int meetingId, int step, int prompts) =>
        _meetings.AddOrUpdate(
            meetingId,
            _ => ProjectorView.Start with { Prompt = Wrap(step, prompts) },
            (_, now) => now with { Prompt = Wrap(now.Prompt + step, prompts) });

    private static int Wrap(int index, int count) => count == 0 ? 0 : ((index % count) + count) % count;
}
