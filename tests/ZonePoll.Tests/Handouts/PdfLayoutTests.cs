using SkiaSharp;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Handouts;

namespace ZonePoll.Tests.Handouts;

public sealed class PdfLayoutTests : IDisposable
{
    private readonly HandoutFonts _fonts = new();
    private readonly TextStyle _body;

    public PdfLayoutTests()
    {
        _body = new TextStyle(_fonts.Regular, 10, SKColors.Black);
    }

    public void Dispose()
    {
        _body.Dispose();
        _fonts.Dispose();
    }

    private static SKDocumentPdfMetadata Metadata => new() { Title = "Layout test" };

    private static void Footer(SKCanvas canvas, int number, int count, TextStyle style) =>
        canvas.DrawText($"Page {number} of {count}", 40, 820, SKTextAlign.Left, style.Font, style.Paint);

    [Fact]
    public void WrappedLinesStayWithinTheWidthAndKeepEveryWord()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);
        var text = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i}"));

        var lines = layout.Wrap(text, _body, 200);

        Assert.True(lines.Count > 5);
        Assert.All(lines, line => Assert.True(_body.Measure(line) <= 200, $"'{line}' is wider than 200"));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void AWordWiderThanTheLineIsBrokenInsideIt()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);
        var word = new string('W', 120);

        var lines = layout.Wrap(word, _body, 100);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(_body.Measure(line) <= 100));
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void LineBreaksInTheTextStartNewLines()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);

        Assert.Equal(["first line", "second line", "", "after a blank"], layout.Wrap("first line\r\nsecond line\n\nafter a blank", _body, 400));
    }

    [Fact]
    public void CharactersTheFontLacksBecomeAVisiblePlaceholder()
    {
        Assert.Equal("□□□□ Zoë Müller", _fonts.Printable("日本商事 Zoë Müller", _fonts.Regular));
        Assert.Equal("a b", _fonts.Printable("a\u0007b", _fonts.Regular));
        Assert.Equal("Ωмега", _fonts.Printable("Ωмега", _fonts.Regular));
    }

    [Fact]
    public void ParagraphsFlowOntoNewPagesAndEveryPageKnowsTheTotal()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);
        layout.NewPage();
        for (var i = 0; i < 150; i++)
        {
            layout.Paragraph($"Paragraph number {i} with a little text.", _body);
        }

        var pdf = new PdfText(layout.Save(Metadata, (canvas, number, count) => Footer(canvas, number, count, _body)));

        Assert.Equal(layout.PageCount, pdf.Pages.Count);
        Assert.True(pdf.Pages.Count >= 3);
        Assert.Equal([pdf.Pages.Count], pdf.PagesWith($"Page {pdf.Pages.Count} of {pdf.Pages.Count}"));
        Assert.Equal([1], pdf.PagesWith("Paragraph number 0 with"));
        Assert.Equal([pdf.Pages.Count], pdf.PagesWith("Paragraph number 149 with"));
        Assert.Equal("Layout test", pdf.Title);
    }

    [Fact]
    public void TableRowsNeverSplitAndTheHeaderRepeatsOnEveryPage()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);
        layout.NewPage();
        var rows = Enumerable.Range(0, 90)
            .Select(i => (IReadOnlyList<string>)[$"cust{i:D3}", string.Join(' ', Enumerable.Repeat($"note{i:D3}", 14 + (i % 9))), ""])
            .ToList();

        layout.Table([new("Customer", 1), new("Note", 3), new("Next step", 1)], rows, _body, _body, minRowHeight: 20);
        var pdf = new PdfText(layout.Save(Metadata, (_, _, _) => { }));

        Assert.True(pdf.Pages.Count > 2);
        for (var page = 0; page < pdf.Pages.Count; page++)
        {
            Assert.Equal("Customer", pdf.Pages[page][0]);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var pages = pdf.Pages
                .Select((words, p) => (words, p))
                .Where(x => x.words.Contains($"note{i:D3}") || x.words.Contains($"cust{i:D3}"))
                .Select(x => x.p)
                .ToList();
            var page = Assert.Single(pages);
            Assert.Equal(14 + (i % 9), pdf.Pages[page].Count(w => w == $"note{i:D3}"));
        }
    }

    [Fact]
    public void EnsureSpaceStartsANewPageOnlyWhenNeeded()
    {
        using var layout = new PdfLayout(_fonts, PageSetup.A4);
        layout.NewPage();

        Assert.False(layout.EnsureSpace(100));
        layout.Y = PageSetup.A4.ContentBottom - 50;
        Assert.True(layout.EnsureSpace(100));
        Assert.Equal(2, layout.PageCount);
        Assert.Equal(PageSetup.A4.ContentTop, layout.Y);
    }
}
