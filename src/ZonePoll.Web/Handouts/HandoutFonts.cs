using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace ZonePoll.Web.Handouts;

/// <summary>
/// The two bundled faces (ZonePoll Sans: Liberation Sans cut down to the scripts reps type, OFL; see Fonts/).
/// With the NoDependencies native assets Skia has no system fonts, so every glyph must come from here; characters
/// these faces lack become a visible placeholder.
/// </summary>
public sealed class HandoutFonts : IDisposable
{
    public const char Placeholder = '\u25A1';

    private readonly ConcurrentDictionary<(SKTypeface, int), bool> _hasGlyph = new();

    public HandoutFonts()
    {
        Regular = Load("ZonePollSans-Regular.ttf");
        Bold = Load("ZonePollSans-Bold.ttf");
    }

    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    /// <summary>Text the face can draw: control characters become spaces, missing glyphs the placeholder.</summary>
    public string Printable(string text, SKTypeface typeface)
    {
        StringBuilder? builder = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var replacement = Rune.IsControl(rune) ? " " : HasGlyph(typeface, rune.Value) ? null : Placeholder.ToString();
            if (replacement is not null)
            {
                builder ??= new StringBuilder(text, 0, index, text.Length);
                builder.Append(replacement);
            }
            else
            {
                builder?.Append(rune.ToString());
            }

            index += rune.Utf16SequenceLength;
        }

        return builder?.ToString() ?? text;
    }

    private bool HasGlyph(SKTypeface typeface, int codepoint) =>
        _hasGlyph.GetOrAdd((typeface, codepoint), key =>
        {
            using var font = new SKFont(key.Item1);
            return font.GetGlyph(key.Item2) != 0;
        });

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(HandoutFonts).Assembly.GetManifestResourceStream($"ZonePoll.Fonts.{file}")
            ?? throw new InvalidOperationException($"The bundled font {file} is missing.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }
}
