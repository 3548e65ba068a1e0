using System.Globalization;
using System.Text;

namespace ZonePoll.Web.Teams;

/// <summary>A team's customer, followed across meetings by its normalised name.</summary>
public sealed class Customer
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public int TeamId { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";

    /// <summary>
    /// Trimmed, inner whitespace collapsed, accents and invisible format characters removed, case folded.
    /// Only for text that passed <see cref="Infrastructure.TextRules.Problem"/>: normalising a noncharacter throws.
    /// </summary>
    public static string Normalize(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
