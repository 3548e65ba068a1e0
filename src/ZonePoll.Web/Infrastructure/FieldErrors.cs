using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// Ties a refused field to its error for screen readers: the error message (<c>asp-validation-for</c>) gets an id, and
/// the field names it in <c>aria-describedby</c> and says <c>aria-invalid</c>. The framework's tag helpers show the
/// message beside the field but leave a screen reader on the field none the wiser.
/// </summary>
public static class FieldErrors
{
    /// <summary>The id of the error message of the field posted as <paramref name="name"/> ("Input.Title").</summary>
    public static string IdFor(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-error";

    public static bool Has(ModelStateDictionary modelState, string name) =>
        modelState.ErrorCount > 0 && modelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

    /// <summary>
    /// The posted name of a tag helper's field when it was refused, or null. Every field of every page passes here (a
    /// worksheet has dozens) and most pages are shown without an error, so those return before the name is built.
    /// </summary>
    public static string? RefusedName(ViewContext view, ModelExpression field) =>
        view.ModelState.ErrorCount > 0 && view.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name) is var name
        && Has(view.ModelState, name) ? name : null;

    /// <summary>
    /// For a field written without <c>asp-for</c>: its <c>aria-describedby</c>, the given ids and the error's when the
    /// field was refused, or null when there is nothing to name.
    /// </summary>
    public static string? DescribedBy(ModelStateDictionary modelState, string name, params string?[] ids)
    {
        var all = ids.Append(Has(modelState, name) ? IdFor(name) : null).OfType<string>().ToArray();
        return all.Length == 0 ? null : string.Join(' ', all);
    }

    /// <summary>"true" when the field posted as <paramref name="name"/> was refused; null (no attribute) otherwise.</summary>
    public static string? Invalid(ModelStateDictionary modelState, string name) => Has(modelState, name) ? "true" : null;
}

/// <summary>A refused <c>asp-for</c> field names its error message and says it is invalid.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    // After the framework's tag helpers, whose attributes this one adds to.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (FieldErrors.RefusedName(ViewContext, For) is not { } name)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var errorId = FieldErrors.IdFor(name);
        var existing = output.Attributes.TryGetAttribute("aria-describedby", out var attribute) ? Text(attribute.Value) : null;
        var ids = string.IsNullOrWhiteSpace(existing) ? errorId : existing.Trim() + " " + errorId;
        output.Attributes.SetAttribute("aria-describedby", ids);
    }

    private static string? Text(object? value)
    {
        if (value is not IHtmlContent content)
        {
            return value?.ToString();
        }

        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        // Ids hold no characters the encoder changes, so the written text is the ids themselves.
        return writer.ToString();
    }
}

/// <summary>The error message of a refused field gets the id <see cref="FieldErrors.IdFor"/> gives, for the field to name.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id") && FieldErrors.RefusedName(ViewContext, For) is { } name)
        {
            output.Attributes.SetAttribute("id", FieldErrors.IdFor(name));
        }
    }
}
