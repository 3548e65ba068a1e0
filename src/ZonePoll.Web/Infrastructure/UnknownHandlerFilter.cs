using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// A request that names no handler of the page (a POST to a page that only answers GET, <c>?handler=Nope</c>) is
/// answered 404 or 405. Razor Pages would otherwise render the page with no handler run, and a page whose view
/// needs what its handler loads would throw: a 500 anyone could ask for.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (context.HandlerMethod is not null || handlers.Count == 0)
        {
            return;
        }

        var method = context.HttpContext.Request.Method;
        var verbKnown = handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)));
        context.Result = new StatusCodeResult(verbKnown ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}

public static class UnknownHandlers
{
    public static MvcOptions RefuseUnknownHandlers(this MvcOptions options)
    {
        options.Filters.Add<UnknownHandlerFilter>();
        return options;
    }
}
