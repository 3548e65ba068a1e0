using System.Text.Json;

namespace ZonePoll.Web.Tally;

/// <summary>
/// A meeting's snapshot at one version with the rows it was built from. The JSON bodies (the managers' view, the
/// projector's and the reps') are written once, on first ask: tally.json serves the managers' and the reps', the hub
/// sends the projector's to managers and the reps' to reps.
/// </summary>
public sealed class CachedTally
{
    private readonly Lazy<byte[]> _managerJson;
    private readonly Lazy<byte[]> _projectorJson;
    private readonly Lazy<byte[]> _repJson;

    public CachedTally(int version, DateOnly today, TallySnapshot manager, TallyRows rows, JsonSerializerOptions json)
    {
        (Version, Today, Manager, Rows) = (version, today, manager, rows);
        _managerJson = new(() => JsonSerializer.SerializeToUtf8Bytes(manager, json));
        _projectorJson = new(() => JsonSerializer.SerializeToUtf8Bytes(manager.ForProjector(), json));
        _repJson = new(() => JsonSerializer.SerializeToUtf8Bytes(manager.ForRep(), json));
    }

    public int Version { get; }

    public DateOnly Today { get; }

    public TallySnapshot Manager { get; }

    public byte[] ManagerJson => _managerJson.Value;

    public byte[] RepJson => _repJson.Value;

    /// <summary>What the hub sends the managers' screens: <see cref="TallySnapshot.ForProjector"/>.</summary>
    public TallyJson ManagerMessage => new(_projectorJson.Value);

    /// <summary>What the hub sends reps: the same bytes as their tally.json.</summary>
    public TallyJson RepMessage => new(RepJson);

    internal TallyRows Rows { get; }

    /// <summary>Changes with the version, the day (overdue follow-ups and the clock move at midnight UTC) and what the caller may see.</summary>
    public string ETag(bool manager) => $"W/\"{Version}-{Today.DayNumber}-{(manager ? "m" : "r")}\"";
}
