using ZonePoll.Web.Meetings;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Tally;

/// <summary>
/// The data beside one discussion prompt, in words: a heading with its count, and one line per customer (or per count,
/// for the Three R's) with <see cref="More"/> for those past the list's end. The projector draws it live from tally.json
/// and the handout prints it under the prompt, so both say the same thing.
/// </summary>
/// <param name="Show">What the prompt shows; <see cref="PromptData.Tally"/> has no view of its own (the bars are it).</param>
/// <param name="Heading">What the data is, with its count.</param>
/// <param name="Lines">One line per customer or count, at most <see cref="TallySnapshot.PromptListRows"/>.</param>
/// <param name="More">How many more there are than <paramref name="Lines"/> holds.</param>
/// <param name="Note">Why there are no lines although the count is not zero: names are off, or only the manager has them.</param>
public sealed record PromptDataView(PromptData Show, string Heading, IReadOnlyList<string> Lines, int More, string? Note)
{
    /// <summary>The views of every prompt of <paramref name="tally"/>, in prompt order; null where a prompt shows the bars.</summary>
    public static IReadOnlyList<PromptDataView?> ForPrompts(TallySnapshot tally, bool names) =>
        [.. tally.Prompts.Select(p => For(tally, p.Show, names))];

    /// <summary>
    /// What <paramref name="show"/> says about <paramref name="tally"/>; null for the bars, and for a rep's copy before the
    /// reveal. <paramref name="names"/> is false where customers must not be named (the projector with names off).
    /// </summary>
    public static PromptDataView? For(TallySnapshot tally, PromptData show, bool names)
    {
        // A rep's copy before the reveal has no counts to speak of.
        if (tally.Zones.Count == 0)
        {
            return null;
        }

        return show switch
        {
            PromptData.Recovery => Customers(
                show,
                "In Service Recovery",
                tally.Zone(Zone.Recovery).Count,
                names ? [.. tally.Recovery.Select(RecoveryLine)] : [],
                names),
            PromptData.Pinched => Customers(
                show,
                "Feeling a pinch",
                tally.Zone(Zone.Expectations).Pinched,
                names ? [.. tally.PinchedCustomers.Select(c => $"{c.Customer} ({c.AccountType})")] : [],
                names),
            PromptData.KeyAccounts => Customers(
                show,
                "Key, growth and new accounts not yet in Service Surprises",
                tally.AccountTypes.Where(a => a.AccountType != AccountType.Standard).Sum(a => a.Recovery + a.Expectations),
                names ? [.. tally.KeyAccounts.Select(c => $"{c.Customer} ({c.AccountType}, {ZoneStyle.Of(c.Zone).FullName})")] : [],
                names),
            PromptData.ThreeRs => new PromptDataView(
                show,
                "The Three R's: customers who cite each",
                [.. tally.ThreeRs.Select(r => $"{r.Cause} ({r.Description}): {r.Recovery} in Recovery, {r.Expectations} in Expectations")],
                0,
                null),
            PromptData.Movers => Movers(tally, names),
            PromptData.Lost => Lost(tally, names),
            _ => null,
        };
    }

    private static string RecoveryLine(RecoveryItem item) =>
        $"{item.Customer} ({item.AccountType})" + (item.FollowUp is { } f ? $": {FollowUpItemText.NextStep(f)}" : "");

    private static PromptDataView Customers(PromptData show, string heading, int count, IReadOnlyList<string> lines, bool names) =>
        new(
            show,
            $"{heading} ({count})",
            lines,
            Math.Max(0, count - lines.Count),
            count > 0 && lines.Count == 0 ? NamesNote(names) : null);

    private static PromptDataView Movers(TallySnapshot tally, bool names)
    {
        if (tally.Movement is not { } movement)
        {
            return new(PromptData.Movers, "Who moved since last time", [], 0, "First meeting: there is nothing earlier to compare with yet.");
        }

        var story = movement.Story;
        var moves = names
            ? story.Moves.Select(m => $"{m.Customer}: {ZoneStyle.Of(m.Was).FullName} → {ZoneStyle.Of(m.Now).FullName}"
                + (m.Reps.Count > 0 ? $" ({string.Join(", ", m.Reps)})" : "")).ToList()
            : [];
        var total = story.StraightToSurprises + story.RecoveryToExpectations + story.ExpectationsToSurprises + story.Down;
        return new(
            PromptData.Movers,
            $"Since last time: {movement.Up} up, {movement.Down} down, {movement.LeftRecovery} out of Recovery, "
                + $"{story.StraightToSurprises} straight to Surprises",
            moves,
            Math.Max(0, total - moves.Count),
            total > 0 && moves.Count == 0 ? NamesNote(names) : null);
    }

    private static PromptDataView Lost(TallySnapshot tally, bool names)
    {
        if (tally.Churn is not { } churn)
        {
            return new(PromptData.Lost, "Customers lost", [], 0, "First meeting: there is nothing earlier to compare with yet.");
        }

        var lines = names ? churn.Customers.Select(c => $"{c.Customer}: {c.ReasonLabel} (was {ZoneStyle.Of(c.LastZone).FullName})").ToList() : [];
        return new(
            PromptData.Lost,
            $"Customers lost since last time ({churn.Lost})",
            lines,
            Math.Max(0, churn.Lost - lines.Count),
            churn.Lost > 0 && lines.Count == 0 ? NamesNote(names) : null);
    }

    private static string NamesNote(bool names) =>
        names ? "The team's manager has the names." : "Customer names are off: turn them on to list the customers.";
}
