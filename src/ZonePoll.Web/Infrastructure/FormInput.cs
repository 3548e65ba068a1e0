using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;

namespace ZonePoll.Web.Infrastructure;

/// <summary>Form posts that browsers would never send, answered like any other typing mistake.</summary>
public static class FormInput
{
    // Bigger announced bodies go to the framework's readers as they are; RequestLimits caps every body anyway.
    private const int MaxRewrittenBody = 256 * 1024;

    /// <summary>
    /// The framework's form decoder throws on an encoded NUL (<c>%00</c>), so the whole form is lost and the
    /// request ends in a bare 400. Turning it into another control character (<c>%01</c>) lets the page read the
    /// form and refuse that field the way it refuses every control character, with the rest of the input kept.
    /// A form whose length is not announced (chunked), of any kind, is read here too, through the cap of
    /// <see cref="RequestLimits"/>: a body past it is answered 413 before a form reader sees it (the readers after
    /// this turn any failure into a 400 of their own). A form in a character set .NET cannot read is answered 415
    /// here: the form readers throw on UTF-7 (disabled in .NET) instead of refusing it, and so did the error page after.
    /// </summary>
    public static IApplicationBuilder UseZonePollFormInput(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var isForm = request.HasFormContentType;
            if (isForm && !IsReadableCharset(request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(UnreadableCharset, context.RequestAborted);
                return;
            }

            if (isForm && request.ContentLength is null or <= MaxRewrittenBody)
            {
                // One read into memory serves both the scan and the form reader that follows.
                var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted);
                var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
                if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // In place, byte by byte: the body may carry raw UTF-8 beside its escapes, and that stays as sent.
                    for (var i = IndexOfEncodedNul(body); i >= 0; i = IndexOfEncodedNul(body))
                    {
                        body[i + 2] = (byte)'1';
                    }
                }

                buffer.Position = 0;
                request.Body = buffer;
                request.ContentLength = buffer.Length;
                context.Response.RegisterForDispose(buffer);
            }

            await next(context);
        });

    /// <summary>What a form in a character set the app cannot read is answered with.</summary>
    public const string UnreadableCharset = "This form was sent in a character set the site cannot read. Send it as UTF-8, as browsers do.";

    /// <summary>No charset (as browsers send forms), or one .NET can decode.</summary>
    private static bool IsReadableCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !type.Charset.HasValue)
        {
            return true;
        }

        try
        {
            return type.Encoding is not null;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static int IndexOfEncodedNul(ReadOnlySpan<byte> body)
    {
        for (var i = body.IndexOf((byte)'%'); i >= 0 && i + 2 < body.Length; i = body[(i + 1)..].IndexOf((byte)'%') is var n and >= 0 ? i + 1 + n : -1)
        {
            if (body[i + 1] == '0' && body[i + 2] == '0')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checkboxes (and other bools) post <c>true</c> or <c>false</c>; anything else is a field error.</summary>
    public static MvcOptions UseStrictBooleans(this MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new StrictBooleanBinderProvider());
        return options;
    }

    private sealed class StrictBooleanBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(bool) ? new StrictBooleanBinder() : null;
    }

    private sealed class StrictBooleanBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (posted == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            if (bool.TryParse(posted.FirstValue, out var value))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
                bindingContext.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }

            // Record a value the checkbox can be drawn from again: the raw text would make the page itself throw.
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: false, attemptedValue: "false");
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Tick the box or leave it empty.");
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
    }
}
