namespace ZonePoll.Web.Worksheets;

public sealed class Worksheet
{
    public const int MaxEntries = 10;

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public string RepId { get; set; } = "";

    /// <summary>Concurrency token: SQLite has no rowversion, so each save bumps it.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public List<Entry> Entries { get; } = [];
    public List<Drop> Drops { get; } = [];
    public Meetings.Meeting? Meeting { get; set; }
    public Data.AppUser? Rep { get; set; }
}

public sealed class Entry
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }
    public int WorksheetId { get; set; }

    /// <summary>The row it was typed in, 0 to 9; with a unique index it also caps a worksheet at ten.</summary>
    public int Position { get; set; }

    public int CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public Zone Zone { get; set; }
    public AccountType AccountType { get; set; }
    public string? Note { get; set; }

    /// <summary>Expectations only: mild, unspoken dissatisfaction (the seeds' pinch factor); it gets a follow-up.</summary>
    public bool Pinched { get; set; }

    /// <summary>Recovery and Expectations only: which of the Three R's fell short.</summary>
    public ThreeRs Causes { get; set; }

    public Teams.Customer? Customer { get; set; }
}
