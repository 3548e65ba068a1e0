using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ZonePoll.Web.Infrastructure;

public static class RouteValuesFirst
{
    /// <summary>
    /// MVC asks the form before the route, so a posted <c>id=1</c> would override the <c>{id}</c> the membership rule
    /// checked. Handlers take their meeting, team and follow-up from that rule anyway; asking the route first means a
    /// value bound under a route value's name is the route's, whatever a form or query string adds.
    /// </summary>
    public static MvcOptions UseRouteValuesFirst(this MvcOptions options)
    {
        var route = options.ValueProviderFactories.OfType<RouteValueProviderFactory>().Single();
        options.ValueProviderFactories.Remove(route);
        options.ValueProviderFactories.Insert(0, route);
        return options;
    }
}
