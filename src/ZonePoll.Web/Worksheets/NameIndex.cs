using System.Collections.Immutable;

namespace ZonePoll.Web.Worksheets;

/// <summary>
/// Known names, shaped once and grouped by what two names must share to be near (<see cref="NameMatch.Distance"/>): the
/// same digits, and cores at most <see cref="NameMatch.MostEdits"/> letters apart in length. "Did you mean" then reads
/// the few groups a typed name can reach instead of a team's every name. Immutable: adding a save's new names shares
/// the rest, so a team's kept list grows without copying its thousands, and two saves may read it at once.
/// </summary>
public sealed class NameIndex
{
    private readonly ImmutableDictionary<(string Digits, int Length), ImmutableList<NameMatch.Candidate>> _groups;

    private NameIndex(ImmutableDictionary<(string Digits, int Length), ImmutableList<NameMatch.Candidate>> groups, int count) =>
        (_groups, Count) = (groups, count);

    public static NameIndex Empty { get; } = new(ImmutableDictionary<(string, int), ImmutableList<NameMatch.Candidate>>.Empty, 0);

    public int Count { get; }

    /// <summary>Every name, group by group.</summary>
    internal IEnumerable<NameMatch.Candidate> All => _groups.Values.SelectMany(group => group);

    /// <summary>This index with <paramref name="candidates"/> too.</summary>
    public NameIndex Add(IEnumerable<NameMatch.Candidate> candidates)
    {
        var groups = _groups.ToBuilder();
        var count = Count;
        foreach (var candidate in candidates)
        {
            var key = KeyOf(candidate.Shape);
            groups[key] = groups.TryGetValue(key, out var group) ? group.Add(candidate) : [candidate];
            count++;
        }

        return new NameIndex(groups.ToImmutable(), count);
    }

    /// <summary>Every known name that may be near <paramref name="typed"/>; the rest cannot be.</summary>
    internal IEnumerable<NameMatch.Candidate> Reaching(NameMatch.Shape typed)
    {
        var (digits, length) = KeyOf(typed);
        for (var near = Math.Max(0, length - NameMatch.MostEdits); near <= length + NameMatch.MostEdits; near++)
        {
            if (_groups.TryGetValue((digits, near), out var group))
            {
                foreach (var candidate in group)
                {
                    yield return candidate;
                }
            }
        }
    }

    internal static (string Digits, int Length) KeyOf(NameMatch.Shape shape) => (shape.Digits, shape.Core.Length);
}
