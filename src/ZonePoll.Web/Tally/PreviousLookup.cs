using System.Collections.Frozen;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>
/// The earlier lists as the builder asks them: each customer's lowest zone at the team's previous meeting, and each
/// rep's own previous list. Built once with the <see cref="EarlierRows"/> a load reuses until an earlier meeting changes,
/// so a build after a save does not group every earlier row again.
/// </summary>
public sealed class PreviousLookup
{
    private readonly FrozenDictionary<string, PreviousEntry[]> _ofRep;

    private PreviousLookup(FrozenDictionary<int, Zone> teamZones, FrozenDictionary<string, PreviousEntry[]> ofRep) =>
        (TeamZones, _ofRep) = (teamZones, ofRep);

    /// <summary>At the previous meeting, too, a customer counts in the lowest zone any rep gave it.</summary>
    public FrozenDictionary<int, Zone> TeamZones { get; }

    /// <summary>The rep's own previous list, in the order it was read; empty when they have none.</summary>
    public IReadOnlyList<PreviousEntry> OfRep(string repId) => _ofRep.TryGetValue(repId, out var entries) ? entries : [];

    public static PreviousLookup Of(IReadOnlyList<PreviousEntry> previous, IReadOnlyList<PreviousEntry> repPrevious)
    {
        var teamZones = new Dictionary<int, Zone>(previous.Count);
        foreach (var p in previous)
        {
            ZoneMath.KeepLowest(teamZones, p.CustomerId, p.Zone);
        }

        var lists = new Dictionary<string, List<PreviousEntry>>(StringComparer.Ordinal);
        List<PreviousEntry>? last = null;
        foreach (var p in repPrevious)
        {
            // A rep's rows come together: one lookup per list, not per row.
            if (last is null || !string.Equals(last[0].RepId, p.RepId, StringComparison.Ordinal))
            {
                last = lists.TryGetValue(p.RepId, out var found) ? found : lists[p.RepId] = new(Worksheet.MaxEntries);
            }

            last.Add(p);
        }

        // Frozen: read at every build until an earlier meeting changes.
        return new(teamZones.ToFrozenDictionary(), lists.ToFrozenDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal));
    }
}
