using System.Net;
using System.Net.Http.Headers;

namespace ZonePoll.Tests.Infrastructure;

public class RequestLimitTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private const long TwentyFiveMegabytes = 25_000_000;

    /// <summary>
    /// A form body of <paramref name="length"/> bytes made as the server pulls it, counting what it pulled: the test
    /// server hands the body over through a small pipe, so what was pulled is what the app read (plus that pipe).
    /// Without <paramref name="announceLength"/> it goes chunked, with no Content-Length.
    /// </summary>
    private sealed class GeneratedBody(long length, bool announceLength, string contentType) : HttpContent
    {
        private long _pulled;

        public long Pulled => Interlocked.Read(ref _pulled);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[16 * 1024];
            Array.Fill(chunk, (byte)'a');
            chunk[0] = (byte)'x';
            chunk[1] = (byte)'=';
            try
            {
                for (long sent = 0; sent < length;)
                {
                    var size = (int)Math.Min(chunk.Length, length - sent);
                    await stream.WriteAsync(chunk.AsMemory(0, size));
                    chunk[0] = chunk[1] = (byte)'a';
                    sent += size;
                    Interlocked.Exchange(ref _pulled, sent);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The server answered without reading the rest.
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return announceLength;
        }

        public GeneratedBody WithType()
        {
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return this;
        }
    }

    private async Task<(HttpStatusCode Status, long Pulled)> PostAsync(
        string url, long length, bool announceLength, string contentType = "application/x-www-form-urlencoded")
    {
        var body = new GeneratedBody(length, announceLength, contentType).WithType();
        using var response = await factory.CreateAnonymousClient().PostAsync(url, body);
        return (response.StatusCode, body.Pulled);
    }

    [Fact]
    public async Task AnAnonymousChunkedPostOfTwentyFiveMegabytesIsRefusedWith413AfterAtMostItsFirstMegabyte()
    {
        var (status, pulled) = await PostAsync("/Identity/Account/Login", TwentyFiveMegabytes, announceLength: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.True(pulled < 2_000_000, $"the app read {pulled} bytes of the body");
    }

    [Fact]
    public async Task AnAnonymousPostAnnouncingTwentyFiveMegabytesIsRefusedWith413BeforeAnyOfItIsRead()
    {
        var (status, pulled) = await PostAsync("/Identity/Account/Login", TwentyFiveMegabytes, announceLength: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.True(pulled < 1_000_000, $"the app read {pulled} bytes of the body");
    }

    [Fact]
    public async Task AChunkedMultipartPostOfTwentyFiveMegabytesIsRefusedWith413Too()
    {
        var (status, pulled) = await PostAsync("/Identity/Account/Register", TwentyFiveMegabytes, announceLength: false, "multipart/form-data; boundary=zz");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.True(pulled < 2_000_000, $"the app read {pulled} bytes of the body");
    }

    [Fact]
    public async Task AnOrdinarySignInFormStillSignsIn()
    {
        var client = factory.CreateAnonymousClient();
        var userId = await factory.CreateUserAsync("Sam Small");
        var email = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == userId).Email!));
        var page = await client.GetDocumentAsync("/Identity/Account/Login");

        using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "correct horse battery",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
