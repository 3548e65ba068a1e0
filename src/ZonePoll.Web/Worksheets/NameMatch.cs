namespace ZonePoll.Web.Worksheets;

/// <summary>A team customer's name as typed and as normalised (<see cref="Teams.Customer.Normalize"/>).</summary>
public sealed record KnownName(string Name, string NormalizedName);

/// <summary>
/// Pure: whether a new customer's name is probably a known one typed differently ("Contoso Limited" for "Contoso
/// Ltd", "Acme Corp" for "Acme Corp.", "Contso Ltd" for "Contoso Ltd"), so the worksheet can ask before it splits one
/// customer in two. Works on normalised names (case, accents and spacing already folded).
/// </summary>
public static class NameMatch
{
    // Written-out legal forms and their short forms: "Contoso Limited" is "Contoso Ltd".
    private static readonly Dictionary<string, string> Variants = new(StringComparer.Ordinal)
    {
        ["limited"] = "ltd",
        ["incorporated"] = "inc",
        ["corporation"] = "corp",
        ["company"] = "co",
        ["and"] = "&",
    };

    private static readonly (string LongForm, string ShortForm)[] LongForms =
        [.. Variants.Where(v => v.Key.Length >= 7).Select(v => (v.Key, v.Value))];

    // A trailing legal form says nothing about which customer it is: "Contoso" and "Contoso Ltd" are one.
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "ltd", "inc", "corp", "co", "llc", "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "llp", "lp", "pty", "srl", "spa", "oy", "ab", "as", "kg",
    };

    /// <summary>
    /// The closest known name to <paramref name="normalized"/>, or null when none is near. A known name equal to it is
    /// not a suggestion (that is the same customer). Closest first, then by name, so the answer is stable.
    /// </summary>
    public static KnownName? Suggest(string normalized, IEnumerable<KnownName> known) => Suggest([normalized], known)[0];

    /// <summary>
    /// <see cref="Suggest(string, IEnumerable{KnownName})"/> for several names at once: each known name is reduced to
    /// its shape once, not once per typed name (a save may ask for ten names against a team's thousands).
    /// </summary>
    public static KnownName?[] Suggest(IReadOnlyList<string> normalized, IEnumerable<KnownName> known) =>
        Suggest(normalized, NameIndex.Empty.Add(known.Select(k => new Candidate(k))));

    /// <summary>
    /// <see cref="Suggest(IReadOnlyList{string}, IEnumerable{KnownName})"/> against a team's names kept between saves
    /// (<see cref="TeamNames"/>), shaped and grouped once: only the groups a typed name could be near are read.
    /// </summary>
    public static KnownName?[] Suggest(IReadOnlyList<string> normalized, NameIndex known)
    {
        var best = new KnownName?[normalized.Count];
        for (var i = 0; i < normalized.Count; i++)
        {
            var typed = Shape.Of(normalized[i]);
            var bestDistance = int.MaxValue;
            foreach (var candidate in known.Reaching(typed))
            {
                if (candidate.Name.NormalizedName == normalized[i])
                {
                    continue;
                }

                var distance = Distance(typed, candidate.Shape);
                if (distance < bestDistance
                    || (distance == bestDistance && distance != int.MaxValue && string.CompareOrdinal(candidate.Name.Name, best[i]!.Name) < 0))
                {
                    (best[i], bestDistance) = (candidate.Name, distance);
                }
            }
        }

        return best;
    }

    /// <summary>The most edits two names may be apart and still be near.</summary>
    internal const int MostEdits = 2;

    /// <summary>Whether two normalised names are probably one customer (and not the very same name).</summary>
    public static bool IsNear(string a, string b) => a != b && Distance(Shape.Of(a), Shape.Of(b)) != int.MaxValue;

    /// <summary>
    /// 0 when the names differ only in punctuation or legal form; else the edit distance if small enough; else MaxValue.
    /// Never near unless both have the same digits and cores within <see cref="MostEdits"/> of each other's length, which
    /// is what <see cref="NameIndex"/> groups by.
    /// </summary>
    internal static int Distance(Shape a, Shape b)
    {
        if (a.Core.Length == 0 || b.Core.Length == 0)
        {
            return int.MaxValue;
        }

        if (a.Core == b.Core)
        {
            return 0;
        }

        // Numbers name things: "Store 12" and "Store 13" are two customers, however close the spelling.
        if (a.Digits != b.Digits)
        {
            return int.MaxValue;
        }

        // Short names are close to many others by chance ("Acme"/"Apex"): the shorter the name, the stricter.
        var shorter = Math.Min(a.Core.Length, b.Core.Length);
        var limit = shorter >= 8 ? MostEdits : shorter >= 5 ? 1 : 0;
        if (limit == 0)
        {
            return int.MaxValue;
        }

        var distance = Levenshtein(a.Core, b.Core, limit);
        return distance <= limit ? distance : int.MaxValue;
    }

    /// <summary>
    /// The edit distance between <paramref name="a"/> and <paramref name="b"/>, or <c>limit + 1</c> once it exceeds
    /// <paramref name="limit"/>.
    /// </summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    /// <summary>A known name and its shape.</summary>
    public sealed class Candidate(KnownName name)
    {
        public KnownName Name { get; } = name;

        internal Shape Shape { get; } = Shape.Of(name.NormalizedName);
    }

    /// <summary>A name reduced to what tells customers apart: words without punctuation or a trailing legal form, and the digits in them.</summary>
    internal sealed record Shape(string Core, string Digits)
    {
        // One pass into a stack buffer and two strings out: a team's names are shaped as they join its NameIndex, all of
        // them when the team's list is first read.
        public static Shape Of(string normalized)
        {
            Span<char> core = normalized.Length <= 256 ? stackalloc char[normalized.Length * 2 + 2] : new char[normalized.Length * 2 + 2];
            Span<int> wordStarts = normalized.Length <= 256 ? stackalloc int[normalized.Length + 1] : new int[normalized.Length + 1];
            int length = 0, words = 0, start = -1;
            for (var i = 0; i <= normalized.Length; i++)
            {
                var c = i < normalized.Length ? normalized[i] : ' ';
                if (char.IsLetterOrDigit(c))
                {
                    if (start < 0)
                    {
                        start = i;
                    }

                    continue;
                }

                if (start >= 0)
                {
                    var word = normalized.AsSpan(start, i - start);
                    Append(Variant(word), core, wordStarts, ref length, ref words);
                    start = -1;
                }

                if (c == '&')
                {
                    Append("&", core, wordStarts, ref length, ref words);
                }
            }

            while (words > 1 && LegalForms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(core[wordStarts[words - 1]..length]))
            {
                words--;
                length = wordStarts[words] - 1;
            }

            // The core's own digits, not the name's: a digit in a word read as a legal form ("C0mpany") went with the word,
            // so two names with one core have the same digits too, as NameIndex's groups need.
            var kept = core[..length];
            Span<char> digits = kept.Length <= 256 ? stackalloc char[kept.Length] : new char[kept.Length];
            var digitCount = 0;
            foreach (var c in kept)
            {
                if (char.IsDigit(c))
                {
                    digits[digitCount++] = c;
                }
            }

            return new Shape(new string(kept), digitCount == 0 ? "" : new string(digits[..digitCount]));
        }

        private static ReadOnlySpan<char> Variant(ReadOnlySpan<char> word)
        {
            if (Variants.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var shortForm))
            {
                return shortForm;
            }

            // A written-out form typed with a slip ("Contoso Limted") is still that form: the long ones only, since a
            // slip from a short word ("and", "co") would turn ordinary words into legal forms.
            foreach (var (longForm, variant) in LongForms)
            {
                if (Math.Abs(word.Length - longForm.Length) <= 1 && Levenshtein(word, longForm, 1) <= 1)
                {
                    return variant;
                }
            }

            return word;
        }

        private static void Append(ReadOnlySpan<char> word, Span<char> core, Span<int> wordStarts, ref int length, ref int words)
        {
            if (words > 0)
            {
                core[length++] = ' ';
            }

            wordStarts[words++] = length;
            word.CopyTo(core[length..]);
            length += word.Length;
        }
    }
}
