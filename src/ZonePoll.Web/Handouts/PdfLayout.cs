using SkiaSharp;

namespace ZonePoll.Web.Handouts;

/// <summary>Page size and margins in PDF points (1/72 inch).</summary>
public sealed record PageSetup(float Width, float Height, float Margin, float HeaderHeight, float FooterHeight)
{
    public static PageSetup A4 { get; } = new(595.28f, 841.89f, 42f, 26f, 24f);

    public float ContentTop => Margin + HeaderHeight;
    public float ContentBottom => Height - Margin - FooterHeight;
    public float ContentWidth => Width - (2 * Margin);
}

/// <summary>A face, a size and a colour; the line height follows the size.</summary>
public sealed class TextStyle(SKTypeface typeface, float size, SKColor color) : IDisposable
{
    public SKTypeface Typeface { get; } = typeface;
    public SKFont Font { get; } = Unhinted(typeface, size);
    public SKPaint Paint { get; } = new() { Color = color, IsAntialias = true };
    public float Size => Font.Size;
    public float LineHeight => Font.Size * 1.28f;

    /// <summary>Distance from a line's top to its baseline.</summary>
    public float Ascent => -Font.Metrics.Ascent;

    /// <summary>This style's size and settings in another face (a fallback's).</summary>
    public SKFont FontFor(SKTypeface face) => Unhinted(face, Size);

    // Unhinted, linear metrics: what is measured here is exactly what the PDF viewer lays out.
    private static SKFont Unhinted(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };

    public void Dispose()
    {
        Font.Dispose();
        Paint.Dispose();
    }
}

public sealed record TableColumn(string Header, float Fraction, bool AlignRight = false);

public sealed record Bar(string Letter, string Label, string Value, float Fraction, SKColor Color);

/// <summary>
/// A small flow layout over SkiaSharp: a cursor moving down pages with margins, wrapped paragraphs, tables whose
/// rows never split and whose header repeats, and bar charts. Each page is recorded as a picture, so the total is
/// known before the PDF is written and every page can say "page X of Y".
/// </summary>
public sealed class PdfLayout(DocumentFonts fonts, PageSetup page) : IDisposable
{
    private const float CellPaddingX = 4f;
    private const float CellPaddingY = 3f;

    private readonly List<SKPicture> _pages = [];
    private SKPictureRecorder? _recorder;
    private SKCanvas? _canvas;

    public PageSetup Page => page;
    public DocumentFonts Fonts => fonts;
    public float Y { get; set; }
    public int PageCount => _pages.Count + (_recorder is null ? 0 : 1);
    public float Remaining => page.ContentBottom - Y;

    public SKCanvas Canvas
    {
        get
        {
            if (_canvas is null)
            {
                NewPage();
            }

            return _canvas!;
        }
    }

    public void NewPage()
    {
        FinishPage();
        _recorder = new SKPictureRecorder();
        _canvas = _recorder.BeginRecording(new SKRect(0, 0, page.Width, page.Height));
        Y = page.ContentTop;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits; true when it did.</summary>
    public bool EnsureSpace(float height)
    {
        if (_canvas is not null && Y + height <= page.ContentBottom)
        {
            return false;
        }

        NewPage();
        return true;
    }

    public void Gap(float height) => Y = Math.Min(Y + height, page.ContentBottom);

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>: at spaces, inside words only when a word alone is too wide.</summary>
    public IReadOnlyList<string> Wrap(string text, TextStyle style, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var wrapped = WrapWords(words, style, width, exact: false);
            // Words are measured one by one (shaping every growing line costs more than the rest of the handout); a
            // line that kerning across a space makes too wide is rare, and then the paragraph is wrapped line by line.
            if (wrapped.Any(line => fonts.Measure(line, style) > width))
            {
                wrapped = WrapWords(words, style, width, exact: true);
            }

            lines.AddRange(wrapped);
        }

        return lines;
    }

    private List<string> WrapWords(string[] words, TextStyle style, float width, bool exact)
    {
        var lines = new List<string>();
        var space = fonts.Measure(" ", style);
        var (line, lineWidth) = ("", 0f);
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            var candidateWidth = exact ? fonts.Measure(candidate, style) : (line.Length == 0 ? 0 : lineWidth + space) + fonts.Measure(word, style);
            if (candidateWidth <= width)
            {
                (line, lineWidth) = (candidate, candidateWidth);
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (fonts.Measure(line, style) > width)
            {
                var fits = fonts.BreakText(line, style, width);
                lines.Add(line[..fits]);
                line = line[fits..];
            }

            lineWidth = fonts.Measure(line, style);
        }

        lines.Add(line);
        return lines;
    }

    public void Paragraph(string text, TextStyle style, float spaceAfter = 4f, float indent = 0f)
    {
        foreach (var line in Wrap(text, style, page.ContentWidth - indent))
        {
            EnsureSpace(style.LineHeight);
            fonts.Draw(Canvas, line, page.Margin + indent, Y + style.Ascent, style);
            Y += style.LineHeight;
        }

        Gap(spaceAfter);
    }

    /// <summary>A heading kept on the same page as at least <paramref name="keepWithNext"/> points of what follows.</summary>
    public void Heading(string text, TextStyle style, float keepWithNext = 60f)
    {
        EnsureSpace(style.LineHeight * Wrap(text, style, page.ContentWidth).Count + keepWithNext);
        Paragraph(text, style, spaceAfter: style.Size * 0.4f);
    }

    /// <summary>
    /// A table across the content width. A row that does not fit moves whole to the next page, under a
    /// repeated header. Cells wrap; empty cells keep <paramref name="minRowHeight"/> of writing space.
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, TextStyle header, TextStyle body, float minRowHeight = 0f)
    {
        var total = columns.Sum(c => c.Fraction);
        var widths = columns.Select(c => c.Fraction / total * page.ContentWidth).ToArray();
        var headerCells = columns.Select((c, i) => Wrap(c.Header, header, widths[i] - (2 * CellPaddingX))).ToList();
        var headerHeight = (headerCells.Max(c => c.Count) * header.LineHeight) + (2 * CellPaddingY);

        var bodyRows = rows.Select(row => columns.Select((_, i) => Wrap(i < row.Count ? row[i] : "", body, widths[i] - (2 * CellPaddingX))).ToList()).ToList();
        var heights = bodyRows.Select(cells => Math.Max(minRowHeight, (cells.Max(c => c.Count) * body.LineHeight) + (2 * CellPaddingY))).ToList();

        EnsureSpace(headerHeight + (heights.Count > 0 ? heights[0] : 0));
        DrawRow(headerCells, columns, widths, headerHeight, header, shaded: true);
        for (var r = 0; r < bodyRows.Count; r++)
        {
            if (Y + heights[r] > page.ContentBottom)
            {
                NewPage();
                DrawRow(headerCells, columns, widths, headerHeight, header, shaded: true);
            }

            DrawRow(bodyRows[r], columns, widths, heights[r], body, shaded: false);
        }

        Gap(8f);
    }

    private void DrawRow(List<IReadOnlyList<string>> cells, IReadOnlyList<TableColumn> columns, float[] widths, float height, TextStyle style, bool shaded)
    {
        using var fill = new SKPaint { Color = new SKColor(0xEE, 0xEF, 0xF2) };
        using var line = new SKPaint { Color = new SKColor(0xB0, 0xB4, 0xBA), StrokeWidth = 0.6f, IsAntialias = true };
        if (shaded)
        {
            Canvas.DrawRect(page.Margin, Y, page.ContentWidth, height, fill);
        }

        var x = page.Margin;
        for (var c = 0; c < cells.Count; c++)
        {
            var baseline = Y + CellPaddingY + style.Ascent;
            foreach (var text in cells[c])
            {
                var textX = columns[c].AlignRight ? x + widths[c] - CellPaddingX - fonts.Measure(text, style) : x + CellPaddingX;
                fonts.Draw(Canvas, text, textX, baseline, style);
                baseline += style.LineHeight;
            }

            x += widths[c];
        }

        Canvas.DrawLine(page.Margin, Y + height, page.Margin + page.ContentWidth, Y + height, line);
        Y += height;
    }

    /// <summary>Horizontal bars: a lettered badge and label, a track with the fill, and the value at the end.</summary>
    public void BarChart(IReadOnlyList<Bar> bars, TextStyle label, TextStyle value, float barHeight = 20f)
    {
        const float LabelWidth = 170f;
        const float ValueWidth = 120f;
        var rowHeight = barHeight + 10f;
        EnsureSpace(rowHeight * bars.Count);
        using var track = new SKPaint { Color = new SKColor(0xE9, 0xE9, 0xEE) };
        using var border = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f, IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        foreach (var bar in bars)
        {
            using var fill = new SKPaint { Color = bar.Color, IsAntialias = true };
            var top = Y + 5f;
            var middle = top + (barHeight / 2);

            var badge = new SKRect(page.Margin, top, page.Margin + barHeight, top + barHeight);
            Canvas.DrawRoundRect(badge, 3, 3, fill);
            fonts.Draw(Canvas, bar.Letter, badge.MidX, middle + (label.Ascent / 2.6f), label, SKTextAlign.Center, white);
            fonts.Draw(Canvas, bar.Label, badge.Right + 6f, middle + (label.Ascent / 2.6f), label);

            var trackRect = new SKRect(page.Margin + LabelWidth, top, page.Width - page.Margin - ValueWidth, top + barHeight);
            Canvas.DrawRect(trackRect, track);
            var fillWidth = trackRect.Width * Math.Clamp(bar.Fraction, 0, 1);
            Canvas.DrawRect(new SKRect(trackRect.Left, trackRect.Top, trackRect.Left + fillWidth, trackRect.Bottom), fill);
            Canvas.DrawRect(trackRect, border);
            fonts.Draw(Canvas, bar.Value, page.Width - page.Margin, middle + (value.Ascent / 2.6f), value, SKTextAlign.Right);
            Y += rowHeight;
        }

        Gap(6f);
    }

    /// <summary>Writes the PDF: each recorded page, then <paramref name="decorate"/> draws its header and footer knowing the total.</summary>
    public byte[] Save(SKDocumentPdfMetadata metadata, Action<SKCanvas, int, int> decorate)
    {
        FinishPage();
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var canvas = document.BeginPage(page.Width, page.Height);
                canvas.DrawPicture(_pages[i]);
                decorate(canvas, i + 1, _pages.Count);
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    private void FinishPage()
    {
        if (_recorder is null)
        {
            return;
        }

        _pages.Add(_recorder.EndRecording());
        _recorder.Dispose();
        (_recorder, _canvas) = (null, null);
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        foreach (var picture in _pages)
        {
            picture.Dispose();
        }
    }
}
