using UglyToad.PdfPig;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>A PDF read back with PdfPig: each page's words in reading order, and helpers to search them.</summary>
public sealed class PdfText
{
    public PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        Title = document.Information.Title;
        Pages = [.. document.GetPages().Select(p => (IReadOnlyList<string>)[.. p.GetWords().Select(w => w.Text)])];
    }

    public string? Title { get; }
    public IReadOnlyList<IReadOnlyList<string>> Pages { get; }
    public string All => string.Join(' ', Pages.Select(p => string.Join(' ', p)));

    /// <summary>The pages (1-based) on which a phrase of one or more words appears.</summary>
    public IReadOnlyList<int> PagesWith(string phrase) =>
        [.. Pages.Select((words, i) => (Text: " " + string.Join(' ', words) + " ", Number: i + 1))
            .Where(p => p.Text.Contains(" " + phrase + " ", StringComparison.Ordinal))
            .Select(p => p.Number)];

    public bool Contains(string phrase) => PagesWith(phrase).Count > 0;
}
