using SkiaSharp;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Handouts;

namespace ZonePoll.Tests.Handouts;

public sealed class PdfLayoutTests : IDisposable
{
    private readonly HandoutFonts _fonts = new();
    private readonly DocumentFonts _document;
    private readonly TextStyle _body;

    public PdfLayoutTests()
    {
        _document = _fonts.ForDocument("日本商事 שלום");
        _body = new TextStyle(_fonts.Regular.Typeface, 10, SKColors.Black);
    }

    public void Dispose()
    {
        _body.Dispose();
        _document.Dispose();
        _fonts.Dispose();
    }

    private static SKDocumentPdfMetadata Metadata => new() { Title = "Layout test" };

    private void Footer(SKCanvas canvas, int number, int count, TextStyle style) =>
        _document.Draw(canvas, $"Page {number} of {count}", 40, 820, style);

    [Fact]
    public void WrappedLinesStayWithinTheWidthAndKeepEveryWord()
    {
        using var layout = new PdfLayout(_document, PageSetup.A4);
        var text = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i}"));

        var lines = layout.Wrap(text, _body, 200);

        Assert.True(lines.Count > 5);
        Assert.All(lines, line => Assert.True(_document.Measure(line, _body) <= 200, $"'{line}' is wider than 200"));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void AWordWiderThanTheLineIsBrokenInsideIt()
    {
        using var layout = new PdfLayout(_document, PageSetup.A4);
        var word = new string('W', 120);

        var lines = layout.Wrap(word, _body, 100);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(_document.Measure(line, _body) <= 100));
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void LineBreaksInTheTextStartNewLines()
    {
        using var layout = new PdfLayout(_document, PageSetup.A4);

        Assert.Equal(["first line", "second line", "", "after a blank"], layout.Wrap("first line\r\nsecond line\n\nafter a blank", _body, 400));
    }

    [Fact]
    public void CharactersNoFaceHasBecomeAVisiblePlaceholderAndControlsASpace()
    {
        using var layout = new PdfLayout(_document, PageSetup.A4);
        layout.NewPage();
        // Tamil: none of the faces has it.
        layout.Paragraph("தமிழ் Zoë Müller a\u0007b Ωмега", _body);

        var pdf = new PdfText(layout.Save(Metadata, (_, _, _) => { }));

        Assert.Equal("□□□□□ Zoë Müller a b Ωмега", string.Join(' ', pdf.Pages[0]));
    }

    [Fact]
    public void WithoutTheFallbackFontsOtherScriptsPrintAsAPlaceholder()
    {
        using var fonts = new HandoutFonts([]);
        using var document = fonts.ForDocument("日本商事");
        using var body = new TextStyle(fonts.Regular.Typeface, 10, SKColors.Black);
        using var layout = new PdfLayout(document, PageSetup.A4);
        layout.NewPage();
        layout.Paragraph("日本商事 Zoë", body);

        var pdf = new PdfText(layout.Save(Metadata, (_, _, _) => { }));

        Assert.Equal(["□□□□", "Zoë"], pdf.Pages[0]);
        Assert.Equal(HandoutFonts.Fallbacks, fonts.Missing);
    }

    [Fact]
    public void RightToLeftRunsAreReorderedAndNumbersInsideThemStayLeftToRight()
    {
        // "abc", then Hebrew letters ALEF BET, a space, "12", GIMEL, then "def": ALEF BET 12 GIMEL reads right to left.
        var runes = "abc \u05D0\u05D1 12 \u05D2 def".EnumerateRunes().ToList();
        var levels = Bidi.Levels(runes);

        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0], levels);
        Assert.Equal([0, 4, 3, 2, 1, 5], Bidi.VisualOrder([0, 1, 2, 1, 1, 0]));
    }

    [Fact]
    public void ParagraphsFlowOntoNewPagesAndEveryPageKnowsTheTotal()
    {
        using var layout = new PdfLayout(_document, PageSetup.A4);
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
        using var layout = new PdfLayout(_document, PageSetup.A4);
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
        using var layout = new PdfLayout(_document, PageSetup.A4);
        layout.NewPage();

        Assert.False(layout.EnsureSpace(100));
        layout.Y = PageSetup.A4.ContentBottom - 50;
        Assert.True(layout.EnsureSpace(100));
        Assert.Equal(2, layout.PageCount);
        Assert.Equal(PageSetup.A4.ContentTop, layout.Y);
    }
}
