using System.Globalization;
using System.Text;

namespace ZonePoll.Web.Infrastructure;

/// <summary>What a free-text field holds, for <see cref="TextRules.Problem"/>.</summary>
public enum TextKind
{
    /// <summary>One line of text (no line breaks or tabs).</summary>
    Line,

    /// <summary>
    /// One line that names someone or something (a person, team, customer, meeting): also no bidirectional override or
    /// isolate characters, which can make a name read as another ("Morgan Manager" followed by U+202E).
    /// </summary>
    Name,

    /// <summary>Text with line breaks and tabs (notes, prompts).</summary>
    Multiline,
}

/// <summary>
/// What a person can type: anything but control characters, noncharacters and broken UTF-16, and in names nothing
/// that turns the text around. The one rule for every free-text field: page inputs carry <see cref="FreeTextAttribute"/>,
/// the worksheet's rows and the follow-up's notes call <see cref="Problem"/> from their own rules.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Why <paramref name="value"/> is not plain text of its <paramref name="kind"/>, or null when it is. Line breaks and
    /// tabs pass only in <see cref="TextKind.Multiline"/> text. Checked before anything normalises the text:
    /// <c>string.Normalize</c> throws on noncharacters and lone surrogates.
    /// </summary>
    public static string? Problem(string value, TextKind kind = TextKind.Line)
    {
        var multiline = kind == TextKind.Multiline;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                if (IsNonCharacter(codePoint))
                {
                    return NotText;
                }

                if (kind == TextKind.Name && codePoint is >= 0xE0000 and <= 0xE007F)
                {
                    return "contains an invisible character (such as a zero-width space), which can make it look like another name";
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsNonCharacter(c) || c == '\uFFFD')
            {
                return NotText;
            }

            if (char.IsControl(c) && !(multiline && c is '\n' or '\t'))
            {
                return multiline ? "contains a control character" : "contains a control character (such as a tab)";
            }

            if (!multiline && c is '\u2028' or '\u2029')
            {
                return "contains a line or paragraph separator: keep it to one line";
            }

            if (kind == TextKind.Name && IsDirectionOverride(c))
            {
                return "contains an invisible character that changes the direction of the text, which can make it read as something else";
            }

            if (kind == TextKind.Name && IsHiddenInName(c))
            {
                return "contains an invisible character (such as a zero-width space), which can make it look like another name";
            }
        }

        return null;
    }

    /// <summary>Bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).</summary>
    public static bool IsDirectionOverride(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Characters that show nothing and do nothing a script needs: zero-width space, word joiner and invisible
    /// operators (U+2060–U+2064), the byte-order mark. Tag characters (U+E0000 up) come as surrogate pairs and are
    /// refused in <see cref="Problem"/>'s pair branch. Direction marks and the zero-width (non-)joiners stay: mixed
    /// scripts, Persian and emoji need them.
    /// </summary>
    public static bool IsHiddenInName(char c) => c is '\u200B' or (>= '\u2060' and <= '\u2064') or '\uFEFF';

    /// <summary>True when nothing visible is left once spaces, combining marks and format characters go.</summary>
    public static bool IsBlank(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (!Rune.IsWhiteSpace(rune) && category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            {
                return false;
            }
        }

        return true;
    }

    private const string NotText = "contains a character that is not text (pasted from a damaged file?)";

    private static bool IsNonCharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
