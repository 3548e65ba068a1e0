using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>A page handler (its verb and name; null for an unnamed one) or an endpoint, as the app routes it.</summary>
public sealed record AppHandler(string Pattern, string Method, string? Handler, bool IsPage, MembershipRuleAttribute? Rule);

/// <summary>
/// What the app answers, read from the app itself: tests that must cover every handler walk this list, so a handler
/// added tomorrow is covered (or fails them) without being listed anywhere.
/// </summary>
public static class AppHandlers
{
    public static List<RouteEndpoint> RouteEndpoints(ZonePollFactory factory)
    {
        using var warmUp = factory.CreateAnonymousClient();
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    public static async Task<List<AppHandler>> AllAsync(ZonePollFactory factory)
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<AppHandler>();
        foreach (var endpoint in RouteEndpoints(factory))
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var rule = endpoint.Metadata.GetMetadata<MembershipRuleAttribute>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                rule ??= compiled.EndpointMetadata.OfType<MembershipRuleAttribute>().FirstOrDefault();
                handlers.AddRange(compiled.HandlerMethods.Select(h => new AppHandler(pattern, h.HttpMethod.ToUpperInvariant(), h.Name, true, rule)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
                handlers.AddRange(methods.Select(m => new AppHandler(pattern, m, null, false, rule)));
            }
        }

        return [.. handlers.DistinctBy(t => (t.Pattern, t.Method, t.Handler))];
    }
}
