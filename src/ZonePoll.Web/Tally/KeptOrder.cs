namespace ZonePoll.Web.Tally;

/// <summary>
/// Sorts a list the last build already sorted. Names sort by the current culture, whose comparisons were the largest
/// part of a large room's build (bench/README.md), and a save changes a handful of rows: the rows whose keys the last
/// build saw keep its order, and only the new or changed ones are sorted and placed among them by binary search. The
/// result is the full sort's, because the order is total (its last key is an id) and the last build used the same one.
/// </summary>
internal static class KeptOrder
{
    /// <summary>
    /// <paramref name="items"/> in <paramref name="order"/>. <paramref name="previous"/> is the last build's sorted keys,
    /// or null for none; each key holds everything the order reads, and the row's id (<paramref name="idOf"/>), so equal
    /// keys are the same row unchanged.
    /// </summary>
    public static List<T> Sort<T, TKey>(
        IReadOnlyList<T> items, Func<T, TKey> keyOf, Func<TKey, int> idOf, IEnumerable<TKey>? previous, Comparison<TKey> order)
        where TKey : IEquatable<TKey>
    {
        var keys = new TKey[items.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = keyOf(items[i]);
        }

        var kept = (previous is null ? null : Kept(keys, idOf, previous)) ?? [];
        var isKept = new bool[keys.Length];
        foreach (var i in kept)
        {
            isKept[i] = true;
        }

        var fresh = new List<int>(keys.Length - kept.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            if (!isKept[i])
            {
                fresh.Add(i);
            }
        }

        fresh.Sort((a, b) => order(keys[a], keys[b]));
        var sorted = new List<T>(keys.Length);

        // Each fresh row goes before the first kept row that sorts after it; fresh rows are in order, so the places are too.
        var next = 0;
        foreach (var i in fresh)
        {
            var place = Place(kept, next, keys, keys[i], order);
            for (; next < place; next++)
            {
                sorted.Add(items[kept[next]]);
            }

            sorted.Add(items[i]);
        }

        for (; next < kept.Count; next++)
        {
            sorted.Add(items[kept[next]]);
        }

        return sorted;
    }

    /// <summary>
    /// The rows whose keys the last build had, in its order; null when more than a quarter are new or changed (a burst,
    /// a new day), where one sort of them all is cheaper than placing each.
    /// </summary>
    private static List<int>? Kept<TKey>(TKey[] keys, Func<TKey, int> idOf, IEnumerable<TKey> previous)
        where TKey : IEquatable<TKey>
    {
        // By id, then compared whole: hashing the whole key hashes every name.
        var at = new Dictionary<int, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            at.TryAdd(idOf(keys[i]), i);
        }

        var kept = new List<int>(keys.Length);
        foreach (var key in previous)
        {
            if (at.Remove(idOf(key), out var i) && keys[i].Equals(key))
            {
                kept.Add(i);
            }
        }

        return kept.Count < keys.Length * 3 / 4 ? null : kept;
    }

    private static int Place<TKey>(List<int> kept, int from, TKey[] keys, TKey key, Comparison<TKey> order)
    {
        var (low, high) = (from, kept.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (order(keys[kept[middle]], key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
