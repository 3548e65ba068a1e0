using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Handouts;

public static class HandoutEndpoint
{
    public static IServiceCollection AddZonePollHandouts(this IServiceCollection services) =>
        services.AddSingleton<HandoutFonts>().AddSingleton<HandoutRenderer>();

    public static IEndpointRouteBuilder MapHandout(this IEndpointRouteBuilder app)
    {
        app.MapGet("/meetings/{id:int}/handout.pdf", RenderAsync).WithMetadata(new ForMeetingMembersAttribute(MemberRole.Manager));
        return app;
    }

    private static async Task<IResult> RenderAsync(HttpContext context, TallyQuery query, HandoutRenderer renderer, CancellationToken cancellationToken)
    {
        var meeting = context.Meeting();
        var tally = await query.BuildAsync(meeting.MeetingId, cancellationToken);
        var pdf = renderer.Render(tally!);
        return Results.File(pdf, "application/pdf", ExportFileName.For(meeting.TeamName, meeting.Date, "handout.pdf"));
    }
}
