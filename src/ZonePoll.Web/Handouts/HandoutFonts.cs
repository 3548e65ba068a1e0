using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace ZonePoll.Web.Handouts;

/// <summary>A face to shape with: HarfBuzz for the glyphs, Skia for drawing them, both from the same font file.</summary>
public sealed class ShapingFace : IDisposable
{
    private readonly HarfBuzzSharp.Blob _blob;
    private readonly ConcurrentDictionary<int, bool> _covers = new();

    public ShapingFace(byte[] data, int index = 0)
    {
        // HarfBuzz and Skia both read the font where it lies: one copy in memory no garbage collection can move,
        // freed once both have let go of it (a CJK face is 19 MB).
        var memory = Marshal.AllocHGlobal(data.Length);
        Marshal.Copy(data, 0, memory, data.Length);
        var holders = 2;
        void Release()
        {
            if (Interlocked.Decrement(ref holders) == 0)
            {
                Marshal.FreeHGlobal(memory);
            }
        }

        _blob = new HarfBuzzSharp.Blob(memory, data.Length, HarfBuzzSharp.MemoryMode.ReadOnly, Release);
        _blob.MakeImmutable();
        Face = new HarfBuzzSharp.Face(_blob, index);
        Font = new HarfBuzzSharp.Font(Face);
        UnitsPerEm = Face.UnitsPerEm;
        using var skData = SKData.Create(memory, data.Length, (_, _) => Release());
        Typeface = SKTypeface.FromData(skData, index) ?? throw new InvalidOperationException("Skia could not read a handout font.");
    }

    public HarfBuzzSharp.Face Face { get; }
    public HarfBuzzSharp.Font Font { get; }
    public SKTypeface Typeface { get; }
    public int UnitsPerEm { get; }

    public bool Covers(int codepoint) => _covers.GetOrAdd(codepoint, c => Font.TryGetGlyph((uint)c, out _));

    public void Dispose()
    {
        Typeface.Dispose();
        Font.Dispose();
        Face.Dispose();
        _blob.Dispose();
    }
}

/// <summary>A script the bundled faces lack, drawn from one of Debian's Noto fonts when the machine has it.</summary>
public sealed record FallbackFont(string Name, string Package, string RegularFile, string BoldFile);

/// <summary>
/// The handout's faces. ZonePoll Sans (Liberation Sans cut down to Latin, Greek and Cyrillic, OFL; see Fonts/) is
/// bundled. Japanese, Chinese, Korean, Arabic and Hebrew come from Debian's fonts-noto-cjk and fonts-noto-core, looked
/// up by file: the NoDependencies build of Skia has no font manager that sees system fonts. Each render cuts the ones
/// it uses down to the characters it needs (<see cref="DocumentFonts"/>). A character no face covers prints as □.
/// </summary>
public sealed class HandoutFonts : IDisposable
{
    public const char Placeholder = '\u25A1';

    public static IReadOnlyList<string> DebianDirectories { get; } = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"];

    /// <summary>In the order they are tried; the CJK collection's first face is Japanese, which also draws Chinese and Korean.</summary>
    public static IReadOnlyList<FallbackFont> Fallbacks { get; } =
    [
        new("Noto Sans CJK", "fonts-noto-cjk", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
        new("Noto Sans Arabic", "fonts-noto-core", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        new("Noto Sans Hebrew", "fonts-noto-core", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ];

    private readonly List<(FallbackFont Font, Lazy<ShapingFace?> Regular, Lazy<ShapingFace?> Bold)> _fallbacks;

    public HandoutFonts()
        : this(DebianDirectories)
    {
    }

    /// <param name="directories">Where to look for the fallback fonts; none found means every other script prints as □.</param>
    public HandoutFonts(IReadOnlyList<string> directories)
    {
        Regular = new ShapingFace(LoadBundled("ZonePollSans-Regular.ttf"));
        Bold = new ShapingFace(LoadBundled("ZonePollSans-Bold.ttf"));
        _fallbacks =
        [
            .. Fallbacks.Select(f => (f, Find(directories, f.RegularFile), Find(directories, f.BoldFile))),
        ];
        Missing = [.. Fallbacks.Where(f => FindPath(directories, f.RegularFile) is null)];
    }

    public ShapingFace Regular { get; }
    public ShapingFace Bold { get; }

    /// <summary>The fallback fonts not found on this machine: the scripts they cover print as □.</summary>
    public IReadOnlyList<FallbackFont> Missing { get; }

    public bool IsBold(SKTypeface typeface) => typeface == Bold.Typeface;

    /// <summary>The fallback face (full, not cut down) for a character the bundled faces lack, if any covers it.</summary>
    internal (int Index, ShapingFace Face)? FallbackFor(int codepoint, bool bold)
    {
        for (var i = 0; i < _fallbacks.Count; i++)
        {
            var face = (bold ? _fallbacks[i].Bold : _fallbacks[i].Regular).Value ?? _fallbacks[i].Regular.Value;
            if (face is not null && face.Covers(codepoint))
            {
                return (i, face);
            }
        }

        return null;
    }

    /// <summary>The faces for one document that may draw <paramref name="text"/>.</summary>
    public DocumentFonts ForDocument(string text) => new(this, text);

    private static Lazy<ShapingFace?> Find(IReadOnlyList<string> directories, string file) =>
        new(() => FindPath(directories, file) is { } path ? new ShapingFace(File.ReadAllBytes(path)) : null, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string? FindPath(IReadOnlyList<string> directories, string file) =>
        directories.Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);

    private static byte[] LoadBundled(string file)
    {
        using var stream = typeof(HandoutFonts).Assembly.GetManifestResourceStream($"ZonePoll.Fonts.{file}")
            ?? throw new InvalidOperationException($"The bundled font {file} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
        foreach (var (_, regular, bold) in _fallbacks)
        {
            if (regular.IsValueCreated)
            {
                regular.Value?.Dispose();
            }

            if (bold.IsValueCreated)
            {
                bold.Value?.Dispose();
            }
        }
    }
}
