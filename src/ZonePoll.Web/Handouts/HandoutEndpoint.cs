using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Handouts;

public static class HandoutEndpoint
{
    public static IServiceCollection AddZonePollHandouts(this IServiceCollection services) =>
        services.AddSingleton(provider =>
        {
            var fonts = new HandoutFonts();
            if (fonts.Missing.Count > 0)
            {
                provider.GetRequiredService<ILogger<HandoutFonts>>().LogWarning(
                    "Handout fonts not found: {Fonts} (Debian packages {Packages}); those scripts print as □ in handouts.",
                    string.Join(", ", fonts.Missing.Select(f => f.Name)),
                    string.Join(" ", fonts.Missing.Select(f => f.Package).Distinct()));
            }

            return fonts;
        }).AddSingleton<HandoutRenderer>();

    public static IEndpointRouteBuilder MapHandout(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/handout.pdf", RenderAsync)
            .WithMetadata(new ForMeetingMembersAttribute(MemberRole.Manager), new HandoutSharedWithRepsAttribute());
        return app;
    }

    private static async Task<IResult> RenderAsync(HttpContext context, TallyCache cache, HandoutRenderer renderer, CancellationToken cancellationToken)
    {
        var meeting = context.Meeting();
        if (await cache.GetAsync(meeting.MeetingId, meeting.TallyVersion, cancellationToken) is not { Manager: var tally })
        {
            return Results.NotFound();
        }

        if (!meeting.IsManager && !tally.Revealed)
        {
            // Hidden again between the gate's read and this snapshot's.
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // A rep's copy is drawn from the rep's snapshot: team totals, no rep's name or note, and customer names only
        // as the manager shows them to everyone.
        var pdf = renderer.Render(meeting.IsManager ? tally : tally.ForRep());
        return Results.File(pdf, "application/pdf", ExportFileName.For(meeting.TeamName, meeting.Date, "handout.pdf"));
    }
}

/// <summary>Reps may download the handout once the meeting is revealed and its manager has switched the handout on for them.</summary>
public sealed class HandoutSharedWithRepsAttribute : RepsWhenAttribute
{
    public override Task<bool> AllowsAsync(HttpContext context, MeetingAccessResult meeting, CancellationToken cancellationToken) =>
        context.RequestServices.GetRequiredService<ZonePollDbContext>().Meetings.AsNoTracking()
            .Where(m => m.Id == meeting.MeetingId)
            .Select(m => m.ResultsRevealed && m.HandoutForReps)
            .SingleOrDefaultAsync(cancellationToken);
}
