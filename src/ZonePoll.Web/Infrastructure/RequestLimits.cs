using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// Every request body is capped before anything reads it, sign-in or not: the biggest thing anyone sends is a
/// worksheet form, a few kilobytes. Without a cap an anonymous chunked post (no Content-Length) of Kestrel's 30 MB
/// was copied into memory several times over by the form readers before authentication.
/// </summary>
public static class RequestLimits
{
    /// <summary>The most any request body may hold.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddZonePollRequestLimits(this IServiceCollection services)
    {
        // Kestrel refuses a bigger body itself, announced or chunked, as it arrives.
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        // The form readers stop at the same size (their defaults run to 128 MB).
        services.Configure<FormOptions>(options =>
        {
            options.BufferBodyLengthLimit = MaxBodyBytes;
            options.MultipartBodyLengthLimit = MaxBodyBytes;
            options.ValueLengthLimit = MaxBodyBytes;
        });
        return services;
    }

    /// <summary>
    /// A body announced as bigger than the cap is answered 413 without reading a byte; any other body is read through
    /// a counter that stops at the cap, whatever the server underneath (Kestrel, a test server, IIS), and a read past
    /// it ends the request with 413. Goes before anything that reads the body.
    /// </summary>
    public static IApplicationBuilder UseZonePollRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            {
                serverLimit.MaxRequestBodySize = MaxBodyBytes;
            }

            var capped = new CappedStream(request.Body);
            request.Body = capped;
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
        });

    /// <summary>Reads through to the request body until the cap, then throws what Kestrel throws for a body too large.</summary>
    private sealed class CappedStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > MaxBodyBytes)
            {
                throw new BadHttpRequestException($"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
