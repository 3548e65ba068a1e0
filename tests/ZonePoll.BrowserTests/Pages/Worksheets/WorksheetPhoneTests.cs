using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ZonePoll.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Pages.Worksheets;

/// <summary>The worksheet on a small phone, a common phone and a laptop: save in reach, errors that lead to their field.</summary>
public class WorksheetPhoneTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string SaveButton = "#save-bar button[type=submit]";

    // Words rather than one run of letters, so the note wraps as a real one does.
    private static readonly string LongNote = string.Concat(Enumerable.Repeat("Felt ignored after the price change in spring. ", 9))[..400];

    /// <summary>A rep of a new team with an open meeting, on their worksheet in a window of the given size.</summary>
    private async Task<(IBrowserContext Context, IPage Rep)> RepOnWorksheetAsync(int width, int height)
    {
        var managerContext = await fixture.NewContextAsync();
        var (manager, invite, _) = await managerContext.ManagerWithMeetingAsync();
        await manager.CloseAsync();
        var repContext = await fixture.NewContextAsync(width, height);
        var rep = await repContext.RepWhoJoinedAsync(invite, "Priya Phone");
        await Expect(rep.Locator("h1")).ToHaveTextAsync("My ten customers");
        return (repContext, rep);
    }

    private static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");

    /// <summary>Whether the save button lies wholly inside the viewport and is what a tap on its centre reaches.</summary>
    private static Task<bool> SaveButtonInReachAsync(IPage page) => page.EvaluateAsync<bool>("""
        (selector) => {
          const button = document.querySelector(selector);
          const r = button.getBoundingClientRect();
          const inside = r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
          return inside && button.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
        }
        """, SaveButton);

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task TheSaveButtonStaysInReachAtTheTopMiddleAndBottomAndTheZonesSitOnOneLine(int width, int height)
    {
        var (context, rep) = await RepOnWorksheetAsync(width, height);
        await using var _ = context;

        var pageHeight = await rep.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        output.WriteLine($"{Size(width, height)}: the worksheet is {pageHeight} px tall, {pageHeight / (double)height:0.0} screens");
        foreach (var (where, fraction) in new[] { ("top", 0.0), ("middle", 0.5), ("bottom", 1.0) })
        {
            await rep.EvaluateAsync("(f) => window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) * f)", fraction);
            Assert.True(await SaveButtonInReachAsync(rep), $"Save is out of reach at the {where} of the page at {Size(width, height)}");
        }

        // A field scrolled to lie under the bar comes out from under it when it takes focus.
        await rep.EvaluateAsync("""
            () => {
              window.scrollTo({ top: 0, behavior: 'instant' });
              const bar = document.getElementById('save-bar').getBoundingClientRect();
              window.scrollBy({ top: document.getElementById('row-4-name').getBoundingClientRect().top - bar.top - 4, behavior: 'instant' });
            }
            """);
        Assert.True(await FieldUnderTheBarAsync(rep, "row-4-name"), "the test did not put the field under the bar");
        await rep.FocusAsync("#row-4-name");
        await rep.WaitForFunctionAsync(
            "() => document.getElementById('row-4-name').getBoundingClientRect().bottom <= document.getElementById('save-bar').getBoundingClientRect().top",
            null, new() { Timeout = 5000 });

        // Each row's R, E and S segments share one top edge; on a phone each is a 44 px target.
        var boxes = await rep.EvaluateAsync<double[][]>("""
            () => Array.from(document.querySelectorAll('.zone-choices')).flatMap((group, row) =>
              Array.from(group.querySelectorAll('.form-check-label')).map((label) => {
                const r = label.getBoundingClientRect();
                return [row, Math.round(r.top + window.scrollY), r.height, r.width];
              }))
            """);
        var segments = boxes.Select(b => new SegmentBox((int)b[0], b[1], b[2], b[3])).ToList();
        Assert.Equal(30, segments.Count);
        foreach (var row in segments.GroupBy(s => s.Row))
        {
            Assert.Single(row.Select(s => s.Top).Distinct());
            Assert.All(row, s => Assert.True(s.Height >= 44 && s.Width >= 44, $"row {row.Key + 1}: a zone choice is {s.Width}x{s.Height} px"));
        }

        // "Recovery" may be all that shows on a phone, but each choice is still named in full.
        foreach (var zone in new[] { "Service Recovery", "Service Expectations", "Service Surprises" })
        {
            await Expect(rep.GetByRole(AriaRole.Radio, new() { Name = zone, Exact = true })).ToHaveCountAsync(10);
        }

        // A tap on the segment (the radio lies over it) chooses the zone, and the chosen one wears its zone's colour.
        await rep.ClickAsync("#row-0-zone-Expectations");
        await Expect(rep.Locator("#row-0-zone-Expectations")).ToBeCheckedAsync();
        var colours = await rep.EvaluateAsync<string[]>("""
            () => [getComputedStyle(document.querySelector('label[for=row-0-zone-Expectations]')).backgroundColor,
                   getComputedStyle(document.documentElement).getPropertyValue('--zone-expectations').trim()]
            """);
        var expected = await rep.EvaluateAsync<string>("""
            (hex) => {
              const d = document.createElement('div');
              d.style.color = hex;
              document.body.append(d);
              const c = getComputedStyle(d).color;
              d.remove();
              return c;
            }
            """, colours[1]);
        Assert.Equal(expected, colours[0]);

        // The visible focus ring on a keyboard move between zones.
        await rep.FocusAsync("#row-0-zone-Expectations");
        await rep.Keyboard.PressAsync("ArrowRight");
        await Expect(rep.Locator("#row-0-zone-Surprises")).ToBeFocusedAsync();
        Assert.NotEqual("none", await rep.EvaluateAsync<string>(
            "() => getComputedStyle(document.querySelector('label[for=row-0-zone-Surprises]')).outlineStyle"));

        await rep.EvaluateAsync("() => window.scrollTo(0, 0)");
        await rep.ScreenshotAsync($"worksheet-{Size(width, height)}", output);
        await rep.AssertAccessibleAsync();
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task ARefusedSaveFocusesTheSummaryAndEachLinkFocusesItsFieldWithItsLabelAboveTheSaveBar(int width, int height)
    {
        var (context, rep) = await RepOnWorksheetAsync(width, height);
        await using var _ = context;
        await rep.FillAsync("#row-0-name", "Acme Corp");
        await rep.CheckAsync("#row-0-zone-Surprises");
        await rep.FillAsync("#row-2-name", "Beta Ltd");
        await rep.FillAsync("#row-6-note", "Call back on Tuesday");
        await rep.FillAsync("#row-9-name", "Omega Freight");

        await rep.ClickAsync(SaveButton);

        var summary = rep.Locator("#error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync("There is a problem");
        await Expect(summary).ToContainTextAsync("Nothing was saved yet");
        await Expect(summary).ToContainTextAsync("Everything you typed is still here.");
        var links = summary.Locator("a[href^='#row-']");
        await Expect(links).ToHaveCountAsync(3);
        var hrefs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            hrefs.Add((await links.Nth(i).GetAttributeAsync("href"))!);
        }

        Assert.Equal(["#row-2-zone-Recovery", "#row-6-name", "#row-9-zone-Recovery"], hrefs);
        await Expect(rep.Locator("#row-6-note")).ToHaveValueAsync("Call back on Tuesday");
        await Expect(rep.Locator("#row-0-zone-Surprises")).ToBeCheckedAsync();
        await rep.AssertAccessibleAsync();

        foreach (var href in hrefs)
        {
            await summary.Locator($"a[href='{href}']").ClickAsync();

            await Expect(rep.Locator(href)).ToBeFocusedAsync();
            var box = await rep.EvaluateAsync<double[]>("""
                (id) => {
                  const field = document.getElementById(id);
                  const label = (field.type === 'radio' ? field.closest('fieldset').querySelector('legend') : field.labels[0]);
                  const l = label.getBoundingClientRect(), f = field.getBoundingClientRect();
                  const bar = document.getElementById('save-bar').getBoundingClientRect();
                  return [l.top, l.bottom, f.top, bar.top];
                }
                """, href[1..]);
            var place = new FieldPlace(box[0], box[1], box[2], box[3]);
            Assert.True(place.LabelTop >= 0 && place.LabelBottom <= place.BarTop,
                $"{href} at {Size(width, height)}: its label spans {place.LabelTop:0}-{place.LabelBottom:0} px, the save bar starts at {place.BarTop:0}");
            Assert.True(place.FieldTop < place.BarTop, $"{href} at {Size(width, height)}: the field starts under the save bar");
        }

        await rep.ScreenshotAsync($"worksheet-refused-{Size(width, height)}", output);
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task ALongNoteShowsWholeAfterLoadingAndWhileTyping(int width, int height)
    {
        var (context, rep) = await RepOnWorksheetAsync(width, height);
        await using var _ = context;
        await rep.FillAsync("#row-0-name", "Greenleaf Dental");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-0-note", LongNote);
        await rep.ClickAsync(SaveButton);
        await Expect(rep.Locator("main .alert-success")).ToContainTextAsync("Saved 1 customer");

        await Expect(rep.Locator("#row-0-note")).ToHaveValueAsync(LongNote);
        Assert.True(await NoteShowsWholeAsync(rep, "#row-0-note"), "the saved note is cut off after loading");

        await rep.Locator("#row-1-note").PressSequentiallyAsync(LongNote[..120]);
        await rep.FillAsync("#row-1-note", LongNote);
        await rep.Locator("#row-1-note").PressSequentiallyAsync(" More.");
        Assert.True(await NoteShowsWholeAsync(rep, "#row-1-note"), "the note being typed is cut off");
    }

    [Fact]
    public async Task ANotePastedOverTheLimitIsKeptWholeCountedAndRefusedWithItsLength()
    {
        var (context, rep) = await RepOnWorksheetAsync(390, 844);
        await using var _ = context;
        var note = string.Concat(Enumerable.Repeat(LongNote, 2))[..620];
        await rep.FillAsync("#row-0-name", "Greenleaf Dental");
        await rep.CheckAsync("#row-0-zone-Recovery");

        // As a paste arrives: maxlength would have cut it to 500 without a word.
        await rep.FocusAsync("#row-0-note");
        await rep.Keyboard.InsertTextAsync(note);

        await Expect(rep.Locator("#row-0-note")).ToHaveValueAsync(note);
        var count = rep.Locator("#row-0-note-length");
        await Expect(count).ToBeVisibleAsync();
        await Expect(count).ToHaveTextAsync("620 characters: 120 over the 500 allowed. Shorten it before you save.");
        await Expect(rep.Locator("#row-0-note")).ToHaveAttributeAsync("aria-describedby", new Regex("row-0-note-length"));

        await rep.ClickAsync(SaveButton);

        await Expect(rep.Locator("#error-summary")).ToContainTextAsync("Keep the note to 500 characters (this one has 620).");
        await Expect(rep.Locator("#row-0-note")).ToHaveValueAsync(note);
        await Expect(rep.Locator("#row-0-name")).ToHaveValueAsync("Greenleaf Dental");
        // The server's error says how long it is; the count does not say it again until the text changes.
        await Expect(count).ToBeHiddenAsync();
        await rep.Locator("#row-0-note").PressAsync("End");
        await rep.Keyboard.InsertTextAsync("!");
        await Expect(count).ToHaveTextAsync("621 characters: 121 over the 500 allowed. Shorten it before you save.");

        // Cut back under the limit, the count goes and the save goes through.
        await rep.FillAsync("#row-0-note", note[..480]);
        await Expect(count).ToHaveTextAsync("480 of 500 characters.");
        await rep.FillAsync("#row-0-note", note[..300]);
        await Expect(count).ToBeHiddenAsync();
        await rep.ClickAsync(SaveButton);
        await Expect(rep.Locator("main .alert-success")).ToContainTextAsync("Saved 1 customer");
        await Expect(rep.Locator("#row-0-note")).ToHaveValueAsync(note[..300].Trim());
        await rep.AssertAccessibleAsync();
    }

    [Fact]
    public async Task WithoutFieldSizingTheScriptGrowsTheNoteOnLoadAndWhileTyping()
    {
        var (context, rep) = await RepOnWorksheetAsync(390, 844);
        await using var _ = context;
        await rep.FillAsync("#row-0-name", "Greenleaf Dental");
        await rep.CheckAsync("#row-0-zone-Recovery");
        await rep.FillAsync("#row-0-note", LongNote);
        await rep.ClickAsync(SaveButton);
        await Expect(rep.Locator("main .alert-success")).ToContainTextAsync("Saved 1 customer");

        // A browser without field-sizing: CSS.supports says no, and each textarea is fixed-size as soon as it is parsed.
        await context.AddInitScriptAsync("""
            const supports = CSS.supports.bind(CSS);
            CSS.supports = (...args) => String(args[0]).startsWith('field-sizing') ? false : supports(...args);
            new MutationObserver(() => document.querySelectorAll('textarea').forEach((t) => { t.style.fieldSizing = 'fixed'; }))
              .observe(document, { childList: true, subtree: true });
            """);
        await rep.ReloadAsync();

        Assert.Equal("fixed", await rep.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('row-0-note')).fieldSizing"));
        Assert.True(await NoteShowsWholeAsync(rep, "#row-0-note"), "the saved note is cut off after loading");
        await rep.FillAsync("#row-1-note", LongNote);
        Assert.True(await NoteShowsWholeAsync(rep, "#row-1-note"), "the note being typed is cut off");
    }

    private static Task<bool> FieldUnderTheBarAsync(IPage page, string id) => page.EvaluateAsync<bool>("""
        (id) => {
          const f = document.getElementById(id).getBoundingClientRect(), bar = document.getElementById('save-bar').getBoundingClientRect();
          return f.top >= bar.top && f.top < bar.bottom;
        }
        """, id);

    // Waits for it rather than measuring once: on a loaded machine the first measure can come before the first layout
    // after the save's page load.
    private static async Task<bool> NoteShowsWholeAsync(IPage page, string selector)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "(s) => { const t = document.querySelector(s); return t.scrollHeight <= t.clientHeight; }", selector);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private sealed record SegmentBox(int Row, double Top, double Height, double Width);

    private sealed record FieldPlace(double LabelTop, double LabelBottom, double FieldTop, double BarTop);
}
