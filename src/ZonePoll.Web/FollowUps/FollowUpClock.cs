namespace ZonePoll.Web.FollowUps;

/// <summary>
/// Working days (Monday to Friday) for due dates and the Recovery clock: "three days" after a Friday meeting is
/// Wednesday, not Monday. Pure; today comes from the caller's <see cref="TimeProvider"/>.
/// </summary>
public static class FollowUpClock
{
    public const int DefaultDueWorkingDays = 3;

    /// <summary>
    /// The working day <paramref name="days"/> working days after <paramref name="date"/>; the last day there is when
    /// that runs off the calendar (a meeting dated near 9999 may already be in a database: it must not fail a save).
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var result = date;
        while (days > 0 && result < DateOnly.MaxValue)
        {
            result = result.AddDays(1);
            if (IsWorkingDay(result))
            {
                days--;
            }
        }

        return result;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        // Whole weeks at once, then the few days left: a follow-up open for years costs the same as one open a day.
        // Counted by day number, so a date at the calendar's end needs no day after it.
        var days = to.DayNumber - from.DayNumber;
        var count = days / 7 * 5;
        for (var n = from.DayNumber + days / 7 * 7 + 1; n <= to.DayNumber; n++)
        {
            count += IsWorkingDay(DateOnly.FromDayNumber(n)) ? 1 : 0;
        }

        return count;
    }

    /// <summary>A span of working days in words: a response within the day reads "same day", never "0 working days".</summary>
    public static string WorkingDaysText(int days) => days switch
    {
        <= 0 => "same day",
        1 => "1 working day",
        _ => $"{days} working days",
    };

    public static bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first step done, whichever it was: real life is not linear, so Fix before Clarify counts.</summary>
    public static DateOnly? FirstResponse(DateOnly? clarified, DateOnly? fixedOn, DateOnly? followedUp) =>
        new[] { clarified, fixedOn, followedUp }.Where(d => d is not null).Min();

    /// <summary>The Recovery clock of one follow-up.</summary>
    public static FollowUpTimes Times(DateOnly openedOn, DateOnly? firstResponse, DateOnly? closedOn, DateOnly today) =>
        new(WorkingDaysBetween(openedOn, closedOn ?? today), firstResponse is { } first ? WorkingDaysBetween(openedOn, first) : null);

    public static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

/// <summary>Working days in Recovery so far (or until closed), and until the first step was done (null: not yet).</summary>
public sealed record FollowUpTimes(int DaysOpen, int? DaysToFirstResponse);
