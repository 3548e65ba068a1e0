using System.Text;

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

    // A trailing legal form says nothing about which customer it is: "Contoso" and "Contoso Ltd" are one.
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "ltd", "inc", "corp", "co", "llc", "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "llp", "lp", "pty", "srl", "spa", "oy", "ab", "as", "kg",
    };

    /// <summary>
    /// The closest known name to <paramref name="normalized"/>, or null when none is near. A known name equal to it is
    /// not a suggestion (that is the same customer). Closest first, then by name, so the answer is stable.
    /// </summary>
    public static KnownName? Suggest(string normalized, IEnumerable<KnownName> known)
    {
        var typed = Shape.Of(normalized);
        if (typed.Core.Length == 0)
        {
            return null;
        }

        KnownName? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate.NormalizedName == normalized)
            {
                continue;
            }

            var distance = Distance(typed, Shape.Of(candidate.NormalizedName));
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate.Name, best.Name) < 0))
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance == int.MaxValue ? null : best;
    }

    /// <summary>Whether two normalised names are probably one customer (and not the very same name).</summary>
    public static bool IsNear(string a, string b) => a != b && Distance(Shape.Of(a), Shape.Of(b)) != int.MaxValue;

    /// <summary>0 when the names differ only in punctuation or legal form; else the edit distance if small enough; else MaxValue.</summary>
    private static int Distance(Shape a, Shape b)
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
        var limit = shorter >= 8 ? 2 : shorter >= 5 ? 1 : 0;
        if (limit == 0)
        {
            return int.MaxValue;
        }

        var distance = Levenshtein(a.Core, b.Core, limit);
        return distance <= limit ? distance : int.MaxValue;
    }

    /// <summary>The edit distance between <paramref name="a"/> and <paramref name="b"/>, or <c>limit + 1</c> once it exceeds <paramref name="limit"/>.</summary>
    public static int Levenshtein(string a, string b, int limit)
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

    /// <summary>A name reduced to what tells customers apart: words without punctuation or a trailing legal form, and its digits.</summary>
    private readonly record struct Shape(string Core, string Digits)
    {
        public static Shape Of(string normalized)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var digits = new StringBuilder();
            foreach (var c in normalized)
            {
                if (char.IsLetterOrDigit(c))
                {
                    word.Append(c);
                    if (char.IsDigit(c))
                    {
                        digits.Append(c);
                    }
                }
                else
                {
                    Flush();
                    if (c == '&')
                    {
                        words.Add("&");
                    }
                }
            }

            Flush();
            while (words.Count > 1 && LegalForms.Contains(words[^1]))
            {
                words.RemoveAt(words.Count - 1);
            }

            return new Shape(string.Join(' ', words), digits.ToString());

            void Flush()
            {
                if (word.Length > 0)
                {
                    var text = word.ToString();
                    words.Add(Variants.GetValueOrDefault(text, text));
                    word.Clear();
                }
            }
        }
    }
}
