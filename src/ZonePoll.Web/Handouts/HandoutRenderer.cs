using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkiaSharp;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Handouts;

/// <summary>
/// The meeting handout: the team tally, the Recovery list to act on, the actions agreed (and last time's), and the
/// prompts with room for notes.
/// </summary>
public sealed class HandoutRenderer(HandoutFonts fonts, TimeProvider clock)
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private static readonly SKColor Ink = new(0x11, 0x11, 0x11);
    private static readonly SKColor Muted = new(0x55, 0x5B, 0x63);

    // Every name, note and prompt the handout can print is a string in the snapshot: its JSON, unescaped, holds each
    // character the fallback faces must be cut down to.
    private static readonly JsonSerializerOptions TextOnly = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SKColor ColorOf(Zone zone) => SKColor.Parse(ZoneStyle.Of(zone).Colour);

    public byte[] Render(TallySnapshot tally, PageSetup? pageSetup = null)
    {
        var page = pageSetup ?? PageSetup.A4;
        var made = clock.GetUtcNow();
        using var title = new TextStyle(fonts.Bold.Typeface, 20, Ink);
        using var heading = new TextStyle(fonts.Bold.Typeface, 13, Ink);
        using var body = new TextStyle(fonts.Regular.Typeface, 10, Ink);
        using var strong = new TextStyle(fonts.Bold.Typeface, 10, Ink);
        using var small = new TextStyle(fonts.Regular.Typeface, 8, Muted);
        using var cellHeader = new TextStyle(fonts.Bold.Typeface, 8.5f, Ink);
        using var cell = new TextStyle(fonts.Regular.Typeface, 8.5f, Ink);
        using var documentFonts = fonts.ForDocument(JsonSerializer.Serialize(tally, TextOnly));
        using var layout = new PdfLayout(documentFonts, page);

        var date = tally.Date.ToString("dddd d MMMM yyyy", Culture);
        layout.NewPage();
        layout.Paragraph(tally.Title, title, spaceAfter: 2);
        layout.Paragraph($"{tally.TeamName} · {date}", body, spaceAfter: 8);
        var participation = tally.Participation;
        layout.Paragraph(
            $"{participation.RepsIn} of {participation.RepsTotal} reps in" +
            (participation.NotSubmitted.Count > 0 ? $" · not yet in: {string.Join(", ", participation.NotSubmitted)}" : ""),
            strong,
            spaceAfter: 10);

        if (tally.Customers == 0)
        {
            layout.Paragraph(
                "Nothing is in yet: no rep has saved a worksheet for this meeting, so there is no tally to show. The discussion prompts follow.",
                body,
                spaceAfter: 12);
        }
        else
        {
            WriteTally(layout, tally, heading, body, strong, cellHeader, cell);
            WriteThreeRs(layout, tally, heading, body, cellHeader, cell);
        }

        WriteActions(layout, tally, heading, body, cellHeader, cell);
        WritePrompts(layout, tally, heading, strong, body, small);

        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{tally.Title} · {tally.TeamName} · {tally.Date.ToString("yyyy-MM-dd", Culture)}",
            Subject = "Team tally and discussion prompts",
            Author = "ZonePoll",
            Creator = "ZonePoll",
            Producer = "ZonePoll (SkiaSharp)",
            Creation = made.UtcDateTime,
            Modified = made.UtcDateTime,
        };
        // The proposed title is already "Team · date": the projector's rule keeps the header from saying both twice.
        var headerText = string.Join(" · ", [tally.Title, .. MeetingSubtitle.Parts(tally.Title, tally.TeamName, tally.Date, "d MMM yyyy")]);
        var footerText = $"Made {made.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Culture)} UTC with ZonePoll";
        using var rule = new SKPaint { Color = Muted, StrokeWidth = 0.5f, IsAntialias = true };
        return layout.Save(metadata, (canvas, number, count) =>
        {
            documentFonts.Draw(canvas, headerText, page.Margin, page.Margin + small.Ascent, small);
            canvas.DrawLine(page.Margin, page.Margin + 14, page.Width - page.Margin, page.Margin + 14, rule);
            var footerY = page.Height - page.Margin;
            canvas.DrawLine(page.Margin, footerY - 12, page.Width - page.Margin, footerY - 12, rule);
            // A name in a script this server has no font for shows as □ on the page; the footer says why.
            var why = documentFonts.UsedPlaceholder ? " · □: no font on this server for some characters" : "";
            documentFonts.Draw(canvas, footerText + why, page.Margin, footerY, small);
            documentFonts.Draw(canvas, $"Page {number} of {count}", page.Width - page.Margin, footerY, small, SKTextAlign.Right);
        });
    }

    private static void WriteTally(
        PdfLayout layout, TallySnapshot tally, TextStyle heading, TextStyle body, TextStyle strong, TextStyle cellHeader, TextStyle cell)
    {
        layout.Heading("Where our customers are", heading, keepWithNext: 120);
        layout.BarChart(
            [.. tally.Zones.Select(z => new Bar(z.Letter, z.Name, $"{z.Count} · {z.Percent}%", z.Percent / 100f, ColorOf(z.Zone)))],
            strong,
            strong);
        layout.Table(
            [new("Zone", 3), new("Customers", 1, AlignRight: true), new("Share", 1, AlignRight: true)],
            [.. tally.Zones.Select(z => (IReadOnlyList<string>)[$"{z.Letter} · {z.Name}", z.Count.ToString(Culture), $"{z.Percent}%"])],
            cellHeader,
            cell);
        layout.Paragraph(Reading(tally), strong, spaceAfter: 4);
        if (tally.Zone(Zone.Expectations).Pinched is var pinched and > 0)
        {
            layout.Paragraph(
                $"{pinched} of the {tally.Zone(Zone.Expectations).Count} in Service Expectations {(pinched == 1 ? "is" : "are")} feeling a pinch: "
                    + "clarify it, fix it, follow up before they slide into Recovery.",
                body,
                spaceAfter: 4);
            WritePinched(layout, tally, cellHeader, cell);
        }

        if (tally.Shared.Count > 0)
        {
            layout.Paragraph(
                $"{tally.Shared.Count} customer{(tally.Shared.Count == 1 ? " was" : "s were")} named by more than one rep; "
                    + "each is counted once, in the lowest zone any rep gave it.",
                body,
                spaceAfter: 10);
        }

        layout.Heading("Account types by zone", heading);
        layout.Table(
            [new("Account type", 2), new("Recovery", 1, true), new("Expectations", 1, true), new("Surprises", 1, true), new("Total", 1, true)],
            [
                .. tally.AccountTypes.Select(a =>
                    (IReadOnlyList<string>)[a.AccountType.ToString(), N(a.Recovery), N(a.Expectations), N(a.Surprises), N(a.Total)]),
            ],
            cellHeader,
            cell);

        layout.Heading("Recovery list: move these customers out of Recovery, fast", heading);
        layout.Paragraph(tally.FollowUps.Line + ".", body, spaceAfter: 4);
        if (tally.Recovery.Count == 0)
        {
            // A rep's copy (TallySnapshot.ForRep) keeps the count but not the names unless the manager shows them.
            var inRecovery = tally.Zone(Zone.Recovery).Count;
            layout.Paragraph(
                inRecovery == 0
                    ? "No customer is in Service Recovery. Keep it that way: talk about who could slip."
                    : $"{inRecovery} customer{(inRecovery == 1 ? " is" : "s are")} in Service Recovery; the team's manager has the names.",
                body,
                spaceAfter: 10);
        }
        else
        {
            layout.Table(
                [new("Customer", 2.2f), new("Rep", 1.5f), new("Account", 0.9f), new("Note", 3f), new("Next step / owner / by when", 2.6f)],
                [
                    .. tally.Recovery.Select(r => (IReadOnlyList<string>)
                    [
                        r.Customer,
                        string.Join(", ", r.Reps),
                        r.AccountType.ToString(),
                        string.Join(" / ", r.Notes),
                        r.FollowUp is { } f ? FollowUpItemText.NextStep(f) : "",
                    ]),
                ],
                cellHeader,
                cell,
                minRowHeight: 30);
        }

        WriteSinceLastTime(layout, tally, heading, body, cellHeader, cell);

        if (tally.Reps.Count == 0)
        {
            // A rep's copy names no rep.
            return;
        }

        layout.Heading("Per rep", heading);
        layout.Table(
            [new("Rep", 3), new("Recovery", 1, true), new("Expectations", 1, true), new("Surprises", 1, true), new("Total", 1, true)],
            [.. tally.Reps.Select(r => (IReadOnlyList<string>)[r.Name, N(r.Recovery), N(r.Expectations), N(r.Surprises), N(r.Total)])],
            cellHeader,
            cell);
    }

    /// <summary>Which of the Three R's fell short, counted per customer: it leads straight into the prompts.</summary>
    private static void WriteThreeRs(PdfLayout layout, TallySnapshot tally, TextStyle heading, TextStyle body, TextStyle cellHeader, TextStyle cell)
    {
        layout.Heading("The Three R's: where we fell short", heading, keepWithNext: 80);
        if (tally.ThreeRs.All(r => r.Recovery + r.Expectations == 0))
        {
            layout.Paragraph("No Recovery or Expectations customer was marked as let down on responsiveness, respect or reliability.", body, spaceAfter: 10);
            return;
        }

        layout.Table(
            [new("Fell short on", 3), new("Recovery customers", 1.3f, true), new("Expectations customers", 1.3f, true)],
            [.. tally.ThreeRs.Select(r => (IReadOnlyList<string>)[$"{r.Cause}: {r.Description}", N(r.Recovery), N(r.Expectations)])],
            cellHeader,
            cell);
    }

    /// <summary>The movement matrix and churn against the previous meeting, or a line saying this is the first.</summary>
    private static void WriteSinceLastTime(PdfLayout layout, TallySnapshot tally, TextStyle heading, TextStyle body, TextStyle cellHeader, TextStyle cell)
    {
        layout.Heading("Since last time", heading, keepWithNext: 120);
        if (tally.Movement is not { } movement)
        {
            layout.Paragraph("First meeting: there is nothing earlier to compare with yet.", body, spaceAfter: 10);
            return;
        }

        layout.Paragraph(
            $"Since {movement.PreviousDate.ToString("d MMM yyyy", Culture)}, of {movement.Compared} customers on the list both times: " +
            $"{movement.LeftRecovery} out of Recovery ({movement.RecoveryToSurprises} straight to Surprises), {movement.IntoRecovery} into Recovery; " +
            $"{movement.Up} up, {movement.Same} same, {movement.Down} down.",
            body,
            spaceAfter: 6);
        layout.Table(
            [new TableColumn("Last time / now", 2.2f), .. ZoneStyle.All.Select(z => new TableColumn("Now " + z.FullName, 1.6f, true))],
            [.. ZoneStyle.All.Select((z, was) => (IReadOnlyList<string>)["Was " + z.FullName, .. movement.Matrix[was].Select(N)])],
            cellHeader,
            cell);
        WriteMovers(layout, movement, body, cellHeader, cell);

        if (tally.Churn is { } churn)
        {
            var reasons = string.Join(", ", churn.Reasons.Where(r => r.Count > 0).Select(r => $"{r.Label.ToLowerInvariant()} {r.Count}"));
            layout.Paragraph(
                $"Churn: {churn.Lost} of {churn.Base} customers lost ({(churn.Rate * 100).ToString("0.#", Culture)} %)" +
                (reasons.Length > 0 ? $"; dropped: {reasons}." : ".") +
                (churn.Unforeseen > 0 ? $" {churn.Unforeseen} of them last sat in Expectations or Surprises: not seen coming." : ""),
                body,
                spaceAfter: 6);
            if (churn.Customers.Count > 0)
            {
                layout.Table(
                    [new("Lost customer", 2.5f), new("Last zone", 1.8f), new("Rep", 1.5f), new("Reason", 1.8f)],
                    [
                        .. churn.Customers.Select(c =>
                            (IReadOnlyList<string>)[c.Customer, ZoneStyle.Of(c.LastZone).FullName, c.Rep, DropReasons.Label(c.Reason)]),
                    ],
                    cellHeader,
                    cell);
            }
        }
    }

    /// <summary>
    /// The customers feeling a pinch, each with its follow-up: who owns it and what comes next. A rep's copy has no
    /// follow-ups, so only the count above.
    /// </summary>
    private static void WritePinched(PdfLayout layout, TallySnapshot tally, TextStyle cellHeader, TextStyle cell)
    {
        var inRecovery = tally.Recovery.Select(r => r.CustomerId).ToHashSet();
        var pinched = tally.FollowUps.Items
            .Where(f => f.Closure is null && f.Cause == FollowUpCause.Pinch && !inRecovery.Contains(f.CustomerId))
            .ToList();
        if (pinched.Count == 0)
        {
            return;
        }

        layout.Table(
            [new("Feeling a pinch", 2.4f), new("Owner", 1.6f), new("Next step", 1.2f), new("By", 1.2f)],
            [
                .. pinched.Select(f => (IReadOnlyList<string>)
                [
                    f.Customer,
                    f.Owner,
                    f.NextStep is { } step ? FollowUpStepStyle.Of(step).Name : "Done",
                    f.DueOn.ToString("d MMM", Culture) + (f.Overdue ? " (overdue)" : ""),
                ]),
            ],
            cellHeader,
            cell);
    }

    /// <summary>Each rep's own moves against their previous list, for the reps whose customers moved (managers only).</summary>
    private static void WriteMovers(PdfLayout layout, Movement movement, TextStyle body, TextStyle cellHeader, TextStyle cell)
    {
        if (movement.Reps.Count == 0)
        {
            return;
        }

        var movers = movement.Reps.Where(r => r.Up + r.Down > 0).OrderByDescending(r => r.LeftRecovery).ThenByDescending(r => r.Up).ToList();
        if (movers.Count == 0)
        {
            layout.Paragraph("No rep's customers changed zone since their last list.", body, spaceAfter: 6);
            return;
        }

        layout.Table(
            [
                new("Movers, by rep", 2f), new("Up", 0.7f, true), new("Out of Recovery", 1.3f, true), new("Straight to Surprises", 1.7f, true),
                new("Down", 0.7f, true), new("Into Recovery", 1.2f, true),
            ],
            [
                .. movers.Select(r => (IReadOnlyList<string>)
                    [r.Rep, N(r.Up), N(r.LeftRecovery), N(r.RecoveryToSurprises), N(r.Down), N(r.IntoRecovery)]),
            ],
            cellHeader,
            cell);
    }

    /// <summary>
    /// What the meeting agreed, each with its owner, due date, customer (as this copy may name it) and prompt, and what
    /// became of last time's. Nothing at all when there is neither, so a first meeting's handout has no empty section.
    /// </summary>
    private static void WriteActions(PdfLayout layout, TallySnapshot tally, TextStyle heading, TextStyle body, TextStyle cellHeader, TextStyle cell)
    {
        var actions = tally.Actions;
        if (actions.Items.Count == 0 && actions.LastTime is null)
        {
            return;
        }

        layout.Heading("Actions", heading, keepWithNext: 80);
        if (actions.Items.Count == 0)
        {
            layout.Paragraph("No actions agreed at this meeting yet.", body, spaceAfter: 6);
        }
        else
        {
            layout.Paragraph(
                $"{actions.Items.Count} agreed at this meeting: {actions.Open} open, {actions.Done} done"
                    + (actions.Items.Count(a => a.Overdue) is var overdue and > 0 ? $", {overdue} overdue." : "."),
                body,
                spaceAfter: 4);
            ActionTable(layout, tally, actions.Items, "Action", cellHeader, cell);
        }

        if (actions.LastTime is not { } last)
        {
            return;
        }

        // The line stays with the head of its table of open ones.
        layout.EnsureSpace(body.LineHeight * 2 + (last.Open.Count > 0 ? 50 : 0));
        layout.Paragraph(
            $"{last.Line} ({last.Title}, {last.Date.ToString("d MMM yyyy", Culture)})"
                + (last.Open.Count == 0 ? ": all done." : $"; still open: {last.Open.Count}."),
            body,
            spaceAfter: 4);
        if (last.Open.Count > 0)
        {
            // Last time's prompts are not this handout's, so their text is not shown as a number here.
            ActionTable(layout, null, last.Open, "Still open from last time", cellHeader, cell);
        }
    }

    /// <summary>One row per action; the customer and prompt columns only when some action has one.</summary>
    private static void ActionTable(
        PdfLayout layout, TallySnapshot? tally, IReadOnlyList<ActionItem> items, string what, TextStyle cellHeader, TextStyle cell)
    {
        var customers = items.Any(a => a.Customer is not null);
        var prompts = tally is not null && items.Any(a => a.Prompt is not null);
        List<TableColumn> columns =
        [
            new(what, 3.2f), new("Owner", 1.4f), new("Due", 1.1f), new("Status", 0.9f),
            .. customers ? [new TableColumn("Customer", 1.6f)] : Array.Empty<TableColumn>(),
            .. prompts ? [new TableColumn("From prompt", 0.9f)] : Array.Empty<TableColumn>(),
        ];
        layout.Table(
            columns,
            [
                .. items.Select(a => (IReadOnlyList<string>)
                [
                    a.Text, a.Owner, a.DueOn.ToString("d MMM yyyy", Culture), Status(a),
                    .. customers ? [a.Customer ?? ""] : Array.Empty<string>(),
                    .. prompts ? [PromptNumber(tally!, a.Prompt)] : Array.Empty<string>(),
                ]),
            ],
            cellHeader,
            cell);
    }

    private static string Status(ActionItem action) => action.Done ? "Done" : action.Overdue ? "Overdue" : "Open";

    /// <summary>"3" for the handout's third prompt: the prompt's own text is printed under it with "Agreed: ...".</summary>
    private static string PromptNumber(TallySnapshot tally, string? prompt)
    {
        if (prompt is null)
        {
            return "";
        }

        var index = tally.Prompts.ToList().FindIndex(p => p.Text == prompt);
        return index < 0 ? prompt : (index + 1).ToString(Culture);
    }

    /// <summary>The actions agreed on a prompt, a line each, as printed under it; the first few, then how many more.</summary>
    private static List<string> AgreedLines(TallySnapshot tally, TallyPrompt prompt)
    {
        const int Shown = 6;
        var agreed = tally.Actions.Items.Where(a => a.Prompt == prompt.Text).ToList();
        List<string> lines =
        [
            .. agreed.Take(Shown).Select(a =>
                $"Agreed: {a.Text} · {a.Owner} · by {a.DueOn.ToString("d MMM yyyy", Culture)}"
                    + (a.Customer is { } customer ? $" · {customer}" : "")
                    + (a.Done ? " · done" : a.Overdue ? " · overdue" : "")),
        ];
        if (agreed.Count > Shown)
        {
            lines.Add($"+{agreed.Count - Shown} more agreed on this prompt: see Actions.");
        }

        return lines;
    }

    /// <summary>The one line a reader takes away: the share in Recovery and the key accounts there.</summary>
    public static string Reading(TallySnapshot tally)
    {
        var recovery = tally.Zone(Zone.Recovery);
        var keyInRecovery = tally.AccountTypes.Where(a => a.AccountType == AccountType.Key).Sum(a => a.Recovery);
        var reading = recovery.Count == 0
            ? $"None of our {tally.Customers} customers is in Service Recovery."
            : $"{recovery.Percent}% of our {tally.Customers} customers ({recovery.Count}) are in Service Recovery; "
                + $"{keyInRecovery} of them {(keyInRecovery == 1 ? "is a key account" : "are key accounts")}.";
        if (tally.Movement is { Compared: > 0 } movement)
        {
            reading += $" Since {movement.PreviousDate.ToString("d MMM", Culture)}: "
                + $"{movement.Up} of {movement.Compared} customers rated both times moved up, {movement.Down} moved down, "
                + $"{movement.LeftRecovery} left Recovery ({movement.RecoveryToSurprises} straight to Surprises).";
        }

        return reading;
    }

    /// <summary>
    /// Each prompt with its data, what was agreed on it and ruled lines for notes, kept on one page. The lines under
    /// the prompts on each page stretch to fill it, rather than leave a few lines and a blank rest.
    /// </summary>
    private static void WritePrompts(PdfLayout layout, TallySnapshot tally, TextStyle heading, TextStyle strong, TextStyle body, TextStyle small)
    {
        var prompts = tally.Prompts;
        const int NoteLines = 4;
        const int MinNoteLines = 2;
        const float LineSpacing = 20f;
        const float PromptGap = 12f;
        const float AgreedIndent = 10f;
        if (prompts.Count == 0)
        {
            layout.Heading("Discussion prompts", heading, keepWithNext: 100);
            layout.Paragraph("This meeting has no discussion prompts.", small);
            return;
        }

        var texts = prompts.Select((p, i) => $"{i + 1}. {p.Text}").ToList();
        // Each prompt's data under it, as the projector showed it beside it; a rep's copy holds only what reps may see.
        var data = prompts.Select(p => tally.Customers == 0 ? null : DataText(PromptDataView.For(tally, p.Show, names: true))).ToList();
        // The actions agreed on each prompt, under its data: what the discussion came to.
        var agreed = prompts.Select(p => AgreedLines(tally, p)).ToList();
        var textHeights = texts.Select((t, i) => (layout.Wrap(t, strong, layout.Page.ContentWidth).Count * strong.LineHeight)
            + (data[i] is { } d ? (layout.Wrap(d, body, layout.Page.ContentWidth).Count * body.LineHeight) + 2 : 0)
            + agreed[i].Sum(a => layout.Wrap(a, body, layout.Page.ContentWidth - AgreedIndent).Count * body.LineHeight)
            + (agreed[i].Count > 0 ? 2 : 0)).ToList();
        var lines = Enumerable.Repeat(NoteLines, prompts.Count).ToArray();

        // The heading goes with the whole first prompt at its fewest note lines (and the gap under the heading), never alone.
        var pageHeight = layout.Page.ContentBottom - layout.Page.ContentTop;
        layout.Heading("Discussion prompts", heading, keepWithNext: Math.Min(heading.Size + textHeights[0] + (MinNoteLines * LineSpacing), pageHeight / 2));

        // Where each prompt lands at four lines apiece (or two or three at a page's foot); then the room left under the last prompt of each page goes to
        // the prompts on that page.
        var pages = new List<(int First, int End, float Y)>();
        var (y, first) = (layout.Y, 0);
        for (var i = 0; i < prompts.Count; i++)
        {
            var height = textHeights[i] + (NoteLines * LineSpacing) + PromptGap;
            // A prompt that fits at a page's foot with fewer note lines stays there rather than leave the foot blank.
            var fewer = (int)((layout.Page.ContentBottom - 0.5f - y - textHeights[i]) / LineSpacing);
            if (y + height - PromptGap > layout.Page.ContentBottom && fewer >= MinNoteLines)
            {
                lines[i] = fewer;
                height = textHeights[i] + (fewer * LineSpacing) + PromptGap;
            }
            else if (y + height - PromptGap > layout.Page.ContentBottom)
            {
                if (i > first)
                {
                    pages.Add((first, i, y));
                }

                (y, first) = (layout.Page.ContentTop, i);
            }

            y += height;
        }

        pages.Add((first, prompts.Count, y));
        foreach (var (from, end, bottom) in pages)
        {
            // Half a point short of the foot: a sum of floats a hair over it would push the page's last prompt over.
            var spare = (int)((layout.Page.ContentBottom - 0.5f - (bottom - PromptGap)) / LineSpacing);
            for (var i = 0; spare > 0; i = (i + 1) % (end - from), spare--)
            {
                lines[from + i]++;
            }
        }

        using var ruled = new SKPaint { Color = new SKColor(0xB0, 0xB4, 0xBA), StrokeWidth = 0.6f, IsAntialias = true };
        for (var i = 0; i < prompts.Count; i++)
        {
            layout.EnsureSpace(textHeights[i] + (lines[i] * LineSpacing));
            layout.Paragraph(texts[i], strong, spaceAfter: data[i] is null ? 0 : 2);
            if (data[i] is { } text)
            {
                layout.Paragraph(text, body, spaceAfter: 0);
            }

            if (agreed[i].Count > 0)
            {
                layout.Gap(2);
                foreach (var line in agreed[i])
                {
                    layout.Paragraph(line, body, spaceAfter: 0, indent: AgreedIndent);
                }
            }

            // A prompt taller than a page has flowed over: its note lines go whole onto the next page, never past the foot.
            layout.EnsureSpace(lines[i] * LineSpacing);
            for (var line = 0; line < lines[i]; line++)
            {
                layout.Y += LineSpacing;
                layout.Canvas.DrawLine(layout.Page.Margin, layout.Y, layout.Page.Width - layout.Page.Margin, layout.Y, ruled);
            }

            layout.Gap(PromptGap);
        }
    }

    /// <summary>A prompt's data in a few lines: the heading, then the customers (the first dozen, "+N more") or counts.</summary>
    private static string? DataText(PromptDataView? view)
    {
        const int Shown = 12;
        if (view is null)
        {
            return null;
        }

        // The Recovery list and the pinched customers are printed whole above, each with its follow-up.
        if (view.Show is PromptData.Recovery or PromptData.Pinched && view.Lines.Count > 0)
        {
            return $"{view.Heading}: listed above, each with its follow-up.";
        }

        var lines = view.Lines.Take(Shown).ToList();
        var more = view.More + view.Lines.Count - lines.Count;
        var rest = string.Join("; ", lines) + (more > 0 ? $"{(lines.Count > 0 ? "; " : "")}+{more} more" : "");
        return view.Heading + (rest.Length > 0 ? $": {rest}." : view.Note is { } note ? $". {note}" : ".");
    }

    private static string N(int value) => value.ToString(Culture);
}
