using System.Globalization;
using System.Text;
using SkiaSharp;

namespace ZonePoll.Web.Handouts;

/// <summary>
/// Glyphs placed left to right from the line's start. Right-to-left runs keep their glyphs in reading order (placed
/// right to left), so a PDF reader taking glyphs in content order gets the name back as typed.
/// </summary>
public sealed record ShapedRun(SKTypeface Typeface, ushort[] Glyphs, SKPoint[] Positions, uint[] Clusters, byte[] Utf8);

public sealed record ShapedLine(IReadOnlyList<ShapedRun> Runs, float Width)
{
    public static ShapedLine Empty { get; } = new([], 0);
}

/// <summary>
/// The faces of one handout: text is split into runs by face (the bundled one, else the first fallback that has the
/// character, else □) and by direction, shaped with HarfBuzz, and drawn with the cluster text attached, which Skia
/// turns into the PDF's ToUnicode map. Every face is cut down to the characters of this document first.
/// Not thread-safe: one per render.
/// </summary>
public sealed class DocumentFonts : IDisposable
{
    private readonly HandoutFonts _fonts;
    private readonly HashSet<int> _codepoints;
    private readonly Dictionary<ShapingFace, ShapingFace?> _subsets = [];
    private readonly Dictionary<(SKTypeface, float, string), ShapedLine> _shaped = [];

    /// <param name="fonts">The faces loaded once for the app.</param>
    /// <param name="text">Every character the document may draw beyond the handout's own words (more is harmless).</param>
    internal DocumentFonts(HandoutFonts fonts, string text)
    {
        _fonts = fonts;
        _codepoints = [.. text.EnumerateRunes().Select(r => r.Value)];
        // The handout's own words and marks: ASCII, Latin-1, punctuation, arrows and the placeholder.
        foreach (var (first, last) in new[] { (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x25A1, 0x25A1) })
        {
            for (var c = first; c <= last; c++)
            {
                _codepoints.Add(c);
            }
        }
    }

    public HandoutFonts Fonts => _fonts;

    /// <summary>Whether some character had no face and was drawn as □.</summary>
    public bool UsedPlaceholder { get; private set; }

    public float Measure(string text, TextStyle style) => Shape(text, style).Width;

    /// <summary>How many chars of <paramref name="text"/> fit in <paramref name="width"/>: whole text elements, at least one.</summary>
    public int BreakText(string text, TextStyle style, float width)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text);
        var (low, high) = (1, boundaries.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            var end = middle < boundaries.Length ? boundaries[middle] : text.Length;
            if (Measure(text[..end], style) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low < boundaries.Length ? boundaries[low] : text.Length;
    }

    public void Draw(SKCanvas canvas, string text, float x, float baseline, TextStyle style, SKTextAlign align = SKTextAlign.Left, SKPaint? paint = null)
    {
        var line = Shape(text, style);
        if (line.Runs.Count == 0)
        {
            return;
        }

        x -= align switch
        {
            SKTextAlign.Center => line.Width / 2,
            SKTextAlign.Right => line.Width,
            _ => 0,
        };
        using var builder = new SKTextBlobBuilder();
        foreach (var run in line.Runs)
        {
            using var font = style.FontFor(run.Typeface);
            var buffer = builder.AllocatePositionedTextRun(font, run.Glyphs.Length, run.Utf8.Length);
            run.Glyphs.CopyTo(buffer.Glyphs);
            run.Positions.CopyTo(buffer.Positions);
            run.Clusters.CopyTo(buffer.Clusters);
            run.Utf8.CopyTo(buffer.Text);
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, x, baseline, paint ?? style.Paint);
        }
    }

    public ShapedLine Shape(string text, TextStyle style)
    {
        var key = (style.Typeface, style.Size, text);
        if (!_shaped.TryGetValue(key, out var line))
        {
            line = text.Length == 0 ? ShapedLine.Empty : ShapeLine(text, style);
            _shaped[key] = line;
        }

        return line;
    }

    private ShapedLine ShapeLine(string text, TextStyle style)
    {
        var bold = _fonts.IsBold(style.Typeface);
        var full = bold ? _fonts.Bold : _fonts.Regular;
        // The bundled face cut down too; a character of the app's own text missing from the cut is drawn from the whole face.
        var primary = SubsetOf(full) ?? full;
        var runes = text.EnumerateRunes().Select(r => Rune.IsControl(r) ? new Rune(' ') : r).ToArray();
        var faces = new ShapingFace[runes.Length];
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            if (i > 0 && !Rune.IsLetter(runes[i]) && faces[i - 1] != primary && faces[i - 1] != full && faces[i - 1].Covers(c))
            {
                faces[i] = faces[i - 1];
            }
            else if (primary.Covers(c))
            {
                faces[i] = primary;
            }
            else if (full.Covers(c))
            {
                faces[i] = full;
            }
            else if (_fonts.FallbackFor(c, bold) is { Face: var fallback } && SubsetOf(fallback) is { } subset && subset.Covers(c))
            {
                faces[i] = subset;
            }
            else
            {
                runes[i] = new Rune(HandoutFonts.Placeholder);
                faces[i] = primary;
                UsedPlaceholder = true;
            }
        }

        var levels = Bidi.Levels(runes);
        var runs = new List<(int Start, int End, int Level)>();
        for (var i = 0; i < runes.Length; i++)
        {
            if (runs.Count > 0 && runs[^1].End == i && faces[runs[^1].Start] == faces[i] && runs[^1].Level == levels[i])
            {
                runs[^1] = runs[^1] with { End = i + 1 };
            }
            else
            {
                runs.Add((i, i + 1, levels[i]));
            }
        }

        var shaped = new List<ShapedRun>(runs.Count);
        var x = 0f;
        foreach (var (start, end, level) in Bidi.VisualOrder(runs.Select(r => r.Level).ToArray()).Select(i => runs[i]))
        {
            var run = ShapeRun(faces[start], string.Concat(runes[start..end]), level % 2 == 1, style.Size, ref x);
            if (run.Glyphs.Length > 0)
            {
                shaped.Add(run);
            }
        }

        return new ShapedLine(shaped, x);
    }

    private static ShapedRun ShapeRun(ShapingFace face, string text, bool rightToLeft, float size, ref float x)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.Direction = rightToLeft ? HarfBuzzSharp.Direction.RightToLeft : HarfBuzzSharp.Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        face.Font.Shape(buffer);
        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var scale = size / face.UnitsPerEm;
        var count = infos.Length;
        var glyphs = new ushort[count];
        var points = new SKPoint[count];
        var clusters = new uint[count];
        for (var i = 0; i < count; i++)
        {
            // HarfBuzz gives right-to-left runs in visual order; they are stored in reading order.
            var to = rightToLeft ? count - 1 - i : i;
            glyphs[to] = (ushort)infos[i].Codepoint;
            clusters[to] = infos[i].Cluster;
            points[to] = new SKPoint(x + (positions[i].XOffset * scale), -positions[i].YOffset * scale);
            x += positions[i].XAdvance * scale;
        }

        return new ShapedRun(face.Typeface, glyphs, points, clusters, utf8);
    }

    private ShapingFace? SubsetOf(ShapingFace full)
    {
        if (!_subsets.TryGetValue(full, out var subset))
        {
            subset = FontSubsetter.Subset(full.Face, _codepoints) is { } data ? new ShapingFace(data) : null;
            _subsets[full] = subset;
        }

        return subset;
    }

    public void Dispose()
    {
        foreach (var subset in _subsets.Values)
        {
            subset?.Dispose();
        }
    }
}

/// <summary>
/// Enough of the Unicode bidirectional algorithm for names and notes in a left-to-right document: Hebrew and Arabic
/// letters are right to left (level 1), numbers after them stay left to right inside (level 2), and spaces and
/// punctuation between two right-to-left characters go with them.
/// </summary>
public static class Bidi
{
    private enum Kind
    {
        Left,
        Right,
        Number,
        Neutral,
    }

    public static int[] Levels(IReadOnlyList<Rune> runes)
    {
        var kinds = runes.Select(KindOf).ToArray();
        var levels = new int[runes.Count];
        var direction = new Kind[runes.Count];
        var lastStrong = Kind.Left;
        for (var i = 0; i < kinds.Length; i++)
        {
            switch (kinds[i])
            {
                case Kind.Right:
                    (levels[i], direction[i], lastStrong) = (1, Kind.Right, Kind.Right);
                    break;
                case Kind.Left:
                    (levels[i], direction[i], lastStrong) = (0, Kind.Left, Kind.Left);
                    break;
                case Kind.Number:
                    (levels[i], direction[i]) = lastStrong == Kind.Right ? (2, Kind.Right) : (0, Kind.Left);
                    break;
                default:
                    direction[i] = Kind.Neutral;
                    break;
            }
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            if (direction[i] != Kind.Neutral)
            {
                continue;
            }

            if (Rune.GetUnicodeCategory(runes[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && i > 0)
            {
                levels[i] = levels[i - 1];
                continue;
            }

            var before = Array.FindLastIndex(direction, i, d => d != Kind.Neutral);
            var after = Array.FindIndex(direction, i, d => d != Kind.Neutral);
            levels[i] = before >= 0 && after >= 0 && direction[before] == Kind.Right && direction[after] == Kind.Right ? 1 : 0;
        }

        return levels;
    }

    /// <summary>The order to lay out runs of the given levels, left to right (rule L2: reverse from the highest level down to 1).</summary>
    public static int[] VisualOrder(int[] levels)
    {
        var order = Enumerable.Range(0, levels.Length).ToArray();
        var highest = levels.Length == 0 ? 0 : levels.Max();
        for (var level = highest; level >= 1; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level)
                {
                    continue;
                }

                var end = i;
                while (end + 1 < order.Length && levels[order[end + 1]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i + 1);
                i = end;
            }
        }

        return order;
    }

    private static Kind KindOf(Rune rune)
    {
        var c = rune.Value;
        if (c is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or 0x200F)
        {
            return Rune.IsDigit(rune) ? Kind.Number : Rune.IsLetter(rune) || c == 0x200F ? Kind.Right : Kind.Neutral;
        }

        return Rune.IsDigit(rune) ? Kind.Number : Rune.IsLetter(rune) || c == 0x200E ? Kind.Left : Kind.Neutral;
    }
}
