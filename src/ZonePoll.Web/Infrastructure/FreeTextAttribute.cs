using System.ComponentModel.DataAnnotations;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// <see cref="TextRules"/> as model validation, for a bound string a person types: a refusal lands in ModelState under
/// the field's own key, so the page shows it beside the field and re-renders what was typed. Every free-text input a
/// page binds carries it; a test walks every page's bound strings so a new one cannot go without.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FreeTextAttribute(TextKind kind) : ValidationAttribute
{
    public TextKind Kind { get; } = kind;

    /// <summary>How the message names the field ("The title"); the field's display name when not set.</summary>
    public string? Subject { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string typed)
        {
            return ValidationResult.Success;
        }

        // Judged as it will be kept: trimmed, a textarea's CRLF one line break. Empty is for [Required] to say.
        var text = typed.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var subject = Subject ?? validationContext.DisplayName;
        if (TextRules.Problem(text, Kind) is { } problem)
        {
            return new ValidationResult($"{subject} {problem}; type it again without one.");
        }

        return text.Length > 0 && TextRules.IsBlank(text)
            ? new ValidationResult($"{subject} has nothing visible in it: type it with letters or digits.")
            : ValidationResult.Success;
    }
}
