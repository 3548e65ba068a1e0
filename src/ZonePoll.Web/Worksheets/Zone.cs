namespace ZonePoll.Web.Worksheets;

public enum Zone
{
    Recovery,
    Expectations,
    Surprises,
}

public enum AccountType
{
    Key,
    Growth,
    New,
    Standard,
}

/// <summary>How a zone is shown: full name, a letter and a colour, so colour is never the only cue.</summary>
public sealed record ZoneStyle(Zone Zone, string FullName, string Letter, string CssClass, string Description)
{
    public static IReadOnlyList<ZoneStyle> All { get; } =
    [
        new(Zone.Recovery, "Service Recovery", "R", "zone-recovery", "Had issues; may defect to a competitor."),
        new(Zone.Expectations, "Service Expectations", "E", "zone-expectations", "Satisfied; needs met."),
        new(Zone.Surprises, "Service Surprises", "S", "zone-surprises", "Delighted; would recommend us."),
    ];

    public static ZoneStyle Of(Zone zone) => All[(int)zone];
}
