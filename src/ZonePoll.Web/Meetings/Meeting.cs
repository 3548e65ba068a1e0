namespace ZonePoll.Web.Meetings;

public enum MeetingStatus
{
    Draft,
    Open,
    Locked,
}

public sealed class Meeting
{
    public const int TitleMaxLength = 120;

    /// <summary>The earliest date a meeting may have: nobody records sales meetings from before this.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>How far ahead a meeting may be planned; dates computed from a meeting's (a follow-up's due date) stay far from the calendar's end.</summary>
    public const int YearsAhead = 5;

    public static DateOnly LatestDate(DateOnly today) => today.AddYears(YearsAhead);

    /// <summary>What is wrong with a meeting date, as a sentence for beside the field; null when it is fine.</summary>
    public static string? DateProblem(DateOnly date, DateOnly today) =>
        date < EarliestDate ? $"Pick a date from {Day(EarliestDate)} on."
        : date > LatestDate(today) ? $"Pick a date within {YearsAhead} years: {Day(LatestDate(today))} at the latest."
        : null;

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public int Id { get; set; }
    public int TeamId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public MeetingStatus Status { get; set; }
    public bool ShowCustomerNames { get; set; }
    public bool ResultsRevealed { get; set; }

    /// <summary>The manager's switch: after the reveal, reps may download the team handout too.</summary>
    public bool HandoutForReps { get; set; }

    /// <summary>
    /// Bumped by every committed change the tally shows (a save, a reveal, a prompt, the roster, a follow-up), so a
    /// snapshot built at one version can be served until the next.
    /// </summary>
    public int TallyVersion { get; set; }

    /// <summary>
    /// Bumped by every committed worksheet save, and by nothing else. A later meeting's tally compares it (with the
    /// date) to reuse the "previous" lists it read from here: <see cref="TallyVersion"/> also moves with every
    /// follow-up a save opens or closes, which in a busy room is nearly every batch.
    /// </summary>
    public int WorksheetsVersion { get; set; }

    /// <summary>
    /// Set when a save's follow-ups could not be brought in line with the worksheets (the saves stood): the meeting's
    /// next save, on whichever instance and after any restart, reconciles every customer, and clears it.
    /// </summary>
    public bool FollowUpsBehind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Teams.Team? Team { get; set; }
    public List<MeetingPrompt> Prompts { get; } = [];
}

public sealed class MeetingPrompt
{
    public const int TextMaxLength = 400;

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";

    /// <summary>What the projector shows beside it and the handout prints under it.</summary>
    public PromptData Show { get; set; }
}

/// <summary>The rule a meeting's date keeps beside the team's other meetings.</summary>
public static class MeetingDates
{
    /// <summary>
    /// What is wrong with giving <paramref name="date"/> to a meeting of the team (<paramref name="meetingId"/>, or null for
    /// a new one): another meeting on that day, as a sentence for beside the field; null when the day is free. Two
    /// meetings on one day would leave "previous meeting" to the order they were made in, which nobody sees.
    /// </summary>
    public static async Task<string?> ClashAsync(Data.ZonePollDbContext db, int teamId, int? meetingId, DateOnly date, CancellationToken cancellationToken)
    {
        var other = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Meetings.Where(m => m.TeamId == teamId && m.Date == date && m.Id != meetingId).Select(m => m.Title), cancellationToken);
        return other is null
            ? null
            : $"\"{other}\" is already on {date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}: pick another day.";
    }
}
