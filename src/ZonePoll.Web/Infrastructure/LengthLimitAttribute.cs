using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// At most <see cref="StringLengthAttribute.MaximumLength"/> characters, refused in the words every over-long field uses:
/// "Keep the title to 120 characters (this one has 134)." A pasted text is longer than it looks, so the count says by
/// how much.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class LengthLimitAttribute(int maximumLength, string what) : StringLengthAttribute(maximumLength)
{
    /// <summary>What the field holds, as the message names it ("the title").</summary>
    public string What { get; } = what;

    public static string Message(string what, int maximumLength, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"Keep {what} to {maximumLength} characters (this one has {length}).");

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        // Counted as the page keeps it, without spaces at either end, as the length count beside the field counts.
        value is string text && text.Trim() is { Length: var length } && length > MaximumLength
            ? new ValidationResult(Message(What, MaximumLength, length), validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
