namespace ZonePoll.Web.Worksheets;

/// <summary>
/// How a zone is shown: full name, a letter and a colour, so colour is never the only cue. The one place the zone
/// colours are defined: the handout draws with <see cref="Colour"/>, and the pages get it from <see cref="Css"/>.
/// </summary>
public sealed record ZoneStyle(Zone Zone, string FullName, string Letter, string CssClass, string Description, string Colour)
{
    // Okabe-Ito based, colour-blind safe, and dark enough for white text (WCAG AA) on badges and bars.
    public static IReadOnlyList<ZoneStyle> All { get; } =
    [
        new(Zone.Recovery, "Service Recovery", "R", "zone-recovery", "Had issues; may defect to a competitor.", "#b34700"),
        new(Zone.Expectations, "Service Expectations", "E", "zone-expectations", "Satisfied; needs met.", "#005f8f"),
        new(Zone.Surprises, "Service Surprises", "S", "zone-surprises", "Delighted; would recommend us.", "#00704f"),
    ];

    public const string CssPath = "/css/zones.css";

    /// <summary>The colours as CSS variables (<c>--zone-recovery</c>, ...), served at <see cref="CssPath"/>.</summary>
    public static string Css { get; } = ":root {\n" + string.Concat(All.Select(z => $"    --{z.CssClass}: {z.Colour};\n")) + "}\n";

    public static ZoneStyle Of(Zone zone) => All[(int)zone];
}

public static class ZoneColours
{
    public static IEndpointRouteBuilder MapZoneColours(this IEndpointRouteBuilder app)
    {
        app.MapGet(ZoneStyle.CssPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(ZoneStyle.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return app;
    }
}
