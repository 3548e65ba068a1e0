using System.Net;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages.Account;

/// <summary>
/// The sign-in limit is a policy on the two password pages' endpoints: once an address has used it up, no other
/// spelling, method or handler of those pages may still check a password.
/// </summary>
public class SignInRateLimitBypassTests(StrictRateLimitFactory factory) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task OnceTheLimitIsUsedUpNoSpellingOrMethodOfTheSignInPageChecksAPassword()
    {
        var userId = await factory.CreateUserAsync("Bruno Bypass");
        var email = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.SubmitAsync(
                page.Form(), new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "wrong pass" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var attempts = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, "/Identity/Account/Login"),
            (HttpMethod.Post, "/identity/account/login"),
            (HttpMethod.Post, "/IDENTITY/ACCOUNT/LOGIN/"),
            (HttpMethod.Post, "/Identity/Account/Login?handler="),
            (HttpMethod.Post, "/Identity/Account/Login?handler=Post"),
            (HttpMethod.Post, "/Identity/Account/Login?ReturnUrl=%2F"),
            (HttpMethod.Post, "/Identity/Account/Register?handler=Login"),
            (HttpMethod.Post, "/Identity/Account/Logout"),
            (HttpMethod.Put, "/Identity/Account/Login"),
            (HttpMethod.Patch, "/Identity/Account/Login"),
            (HttpMethod.Delete, "/Identity/Account/Login"),
            (new HttpMethod("post"), "/Identity/Account/Login"),
        };
        foreach (var (method, url) in attempts)
        {
            using var request = new HttpRequestMessage(method, url)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = email,
                    ["Input.Password"] = "correct horse battery",
                    ["__RequestVerificationToken"] = token,
                }),
            };
            using var response = await client.SendAsync(request);

            Assert.True((int)response.StatusCode < 500, $"{method} {url}: {response.StatusCode}");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
            // A sign-in would set the cookie; signing out (Logout) only expires it.
            Assert.DoesNotContain(cookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)
                && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        }

        using var home = await client.GetAsync("/teams/new");
        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
    }
}
