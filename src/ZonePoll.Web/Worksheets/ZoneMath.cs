using System.Runtime.InteropServices;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// The counting rules the tally, the trend and a rep's results share, in one place so they cannot drift apart:
/// a customer counts once, in the lowest zone any rep gave it; shares are whole percentages that add up to 100;
/// a move is a customer's zone at the previous meeting against its zone now; churn is a customer dropped as gone and
/// on nobody's list now. Pure, and cheap enough for the tally's per-entry loops.
/// </summary>
public static class ZoneMath
{
    /// <summary>Recovery, Expectations, Surprises: the order of every count, share and matrix row here.</summary>
    public const int ZoneCount = 3;

    /// <summary>The cells of the move matrix: previous zone by current zone.</summary>
    public const int CellCount = ZoneCount * ZoneCount;

    /// <summary>The lower (more urgent) of two zones: Recovery &lt; Expectations &lt; Surprises.</summary>
    public static Zone Lowest(Zone a, Zone b) => a < b ? a : b;

    /// <summary>Counts <paramref name="zone"/> for the customer unless a lower zone is already counted for them.</summary>
    public static void KeepLowest(Dictionary<int, Zone> zoneOf, int customerId, Zone zone)
    {
        ref var counted = ref CollectionsMarshal.GetValueRefOrAddDefault(zoneOf, customerId, out var seen);
        counted = seen ? Lowest(counted, zone) : zone;
    }

    /// <summary>How many customers are in each zone, in zone order.</summary>
    public static int[] CountByZone(IEnumerable<Zone> zones)
    {
        var counts = new int[ZoneCount];
        foreach (var zone in zones)
        {
            counts[(int)zone]++;
        }

        return counts;
    }

    /// <summary>Whole percentages that add up to exactly 100 (all zero when nothing is in).</summary>
    /// <remarks>
    /// Each count gets its percentage rounded down; the points still missing go to the largest remainders, ties to
    /// the earlier count (the lower zone).
    /// </remarks>
    public static int[] LargestRemainderPercentages(IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        var result = new int[counts.Count];
        if (total == 0)
        {
            return result;
        }

        for (var i = 0; i < counts.Count; i++)
        {
            result[i] = counts[i] * 100 / total;
        }

        var missing = 100 - result.Sum();
        var byRemainder = Enumerable.Range(0, counts.Count)
            .OrderByDescending(i => counts[i] * 100 % total)
            .ThenBy(i => i)
            .Take(missing);
        foreach (var i in byRemainder)
        {
            result[i]++;
        }

        return result;
    }

    /// <summary>The matrix cell counting a customer who was in <paramref name="was"/> and is now in <paramref name="now"/>.</summary>
    public static int Cell(Zone was, Zone now) => ((int)was * ZoneCount) + (int)now;

    /// <summary>The moves of every customer in both lists: the previous zone against the zone now.</summary>
    public static ZoneMoves Moves(IReadOnlyDictionary<int, Zone> before, IEnumerable<KeyValuePair<int, Zone>> now)
    {
        var cells = new int[CellCount];
        foreach (var (customerId, zone) in now)
        {
            if (before.TryGetValue(customerId, out var was))
            {
                cells[Cell(was, zone)]++;
            }
        }

        return Moves(cells);
    }

    /// <summary>The moves of (previous zone, zone now) pairs.</summary>
    public static ZoneMoves Moves(IEnumerable<(Zone Was, Zone Now)> pairs)
    {
        var cells = new int[CellCount];
        foreach (var (was, now) in pairs)
        {
            cells[Cell(was, now)]++;
        }

        return Moves(cells);
    }

    /// <summary>The named counts from a matrix counted with <see cref="Cell"/>: every one is a sum over its cells.</summary>
    public static ZoneMoves Moves(ReadOnlySpan<int> cells)
    {
        int compared = 0, up = 0, same = 0, down = 0;
        var matrix = new IReadOnlyList<int>[ZoneCount];
        for (var was = 0; was < ZoneCount; was++)
        {
            var row = new int[ZoneCount];
            for (var now = 0; now < ZoneCount; now++)
            {
                var count = cells[(was * ZoneCount) + now];
                row[now] = count;
                compared += count;
                up += now > was ? count : 0;
                same += now == was ? count : 0;
                down += now < was ? count : 0;
            }

            matrix[was] = row;
        }

        var recoveryToSurprises = cells[Cell(Zone.Recovery, Zone.Surprises)];
        var leftRecovery = cells[Cell(Zone.Recovery, Zone.Expectations)] + recoveryToSurprises;
        var intoRecovery = cells[Cell(Zone.Expectations, Zone.Recovery)] + cells[Cell(Zone.Surprises, Zone.Recovery)];
        return new ZoneMoves(compared, up, same, down, leftRecovery, recoveryToSurprises, intoRecovery, matrix);
    }

    /// <summary>Churn: dropped as lost to a competitor or stopped buying, and on nobody's list at this meeting.</summary>
    public static bool IsLost(DropReason reason, bool onAList) => DropReasons.IsChurn(reason) && !onAList;

    /// <summary>The churn rate as a fraction, to four places (0.03 is 3 %); 0 when there was no one to lose.</summary>
    public static double ChurnRate(int lost, int baseCount) => baseCount == 0 ? 0 : Math.Round((double)lost / baseCount, 4);
}

/// <summary>
/// The 3×3 matrix (previous zone by current zone, rows and columns in zone order) and the counts named after it:
/// up is towards Surprises, down towards Recovery; <see cref="RecoveryToSurprises"/> skipped Expectations.
/// </summary>
public sealed record ZoneMoves(
    int Compared,
    int Up,
    int Same,
    int Down,
    int LeftRecovery,
    int RecoveryToSurprises,
    int IntoRecovery,
    IReadOnlyList<IReadOnlyList<int>> Matrix);
