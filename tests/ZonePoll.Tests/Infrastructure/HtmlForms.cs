using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// Reads pages with AngleSharp and posts their forms as a browser would, so the antiforgery token is the real one.
/// </summary>
public static class HtmlForms
{
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        return (IHtmlDocument)await context.OpenAsync(request => request.Content(html).Address(address));
    }

    public static IHtmlFormElement Form(this IHtmlDocument document, string selector = "main form[method=post]") =>
        document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form matches '{selector}'.");

    /// <summary>Every form on the page that posts, in page order: tests that try each form find the same one again by its place.</summary>
    public static List<IHtmlFormElement> PostForms(this IHtmlDocument document) =>
        [.. document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()];

    /// <summary>
    /// Submits <paramref name="form"/> with its current values, each name in <paramref name="values"/> replaced
    /// (a null value removes the field). <paramref name="submitter"/> adds that button's name/value and formaction.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IReadOnlyDictionary<string, string?>? values = null, IHtmlButtonElement? submitter = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "submit" or "button" or "image" || (input.Type is "radio" or "checkbox" && !input.IsChecked))
                    {
                        break;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    var selected = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
                    fields.Add(new(select.Name!, selected?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name) && !textArea.IsDisabled:
                    fields.Add(new(textArea.Name!, textArea.Value));
                    break;
            }
        }

        if (submitter is { Name: { Length: > 0 } submitterName })
        {
            fields.Add(new(submitterName, submitter.Value));
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        // On Linux "/x" parses as a file path, so resolve against an absolute page address.
        var page = new Uri(new Uri("http://localhost/"), form.Owner?.Url ?? "/");
        var action = new Uri(page, form.GetAttribute("action") ?? "");
        if (submitter?.GetAttribute("formaction") is { Length: > 0 } formAction)
        {
            action = new Uri(action, formAction);
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action.PathAndQuery, content);
    }
}
