using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Data;

namespace ZonePoll.Tests.Pages.Account;

public class AccountTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    private static Dictionary<string, string?> Registration(string email, string password = "a long passphrase", string? confirm = null) => new()
    {
        ["Input.DisplayName"] = "Rita Rep",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = "a long passphrase", string? confirm = null)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Register");
        return await client.SubmitAsync(page.Form(), Registration(email, password, confirm));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        return await client.SubmitAsync(page.Form(), new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    private static string NewEmail() => $"{Guid.NewGuid():n}@example.com";

    [Fact]
    public async Task RegisteringSignsTheNewUserStraightIn()
    {
        var client = factory.CreateAnonymousClient();

        using var response = await RegisterAsync(client, NewEmail());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("My meetings", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rita Rep", home.QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not on a team yet", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEightCharacterPasswordWithoutDigitsOrSymbolsIsAccepted()
    {
        using var response = await RegisterAsync(factory.CreateAnonymousClient(), NewEmail(), "abcdefgh");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task AShortPasswordIsRefusedAndTheOtherFieldsAreKept()
    {
        var email = NewEmail();
        using var response = await RegisterAsync(factory.CreateAnonymousClient(), email, "short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("at least 8", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("Rita Rep", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Morgan Manager\u0007\u202E", "control character")]
    [InlineData("Morgan Manager\u202E", "direction of the text")]
    [InlineData("Morgan \u2066Manager\u2069", "direction of the text")]
    [InlineData("Morgan\tManager", "control character")]
    public async Task ADisplayNameWithAControlOrDirectionCharacterIsRefusedBesideItWithWhatWasTypedKept(string name, string problem)
    {
        var email = NewEmail();
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Register");
        var typed = Registration(email);
        typed["Input.DisplayName"] = name;

        using var response = await client.SubmitAsync(page.Form(), typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        var error = shown.QuerySelector("[data-valmsg-for='Input.DisplayName']")!.TextContent;
        Assert.StartsWith("Your name ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal(name, shown.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal(email, shown.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ASecondAccountWithTheSameEmailIsRefused()
    {
        var email = NewEmail();
        using var first = await RegisterAsync(factory.CreateAnonymousClient(), email);

        using var second = await RegisterAsync(factory.CreateAnonymousClient(), email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await HtmlForms.ParseAsync(second);
        Assert.Contains("already exists", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningInWithTheRightPasswordWorksAndSigningOutEndsTheSession()
    {
        var email = NewEmail();
        using (await RegisterAsync(factory.CreateAnonymousClient(), email))
        {
        }

        var client = factory.CreateAnonymousClient();
        using var signIn = await SignInAsync(client, email, "a long passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using (var teams = await client.GetAsync("/teams/new"))
        {
            Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
        }

        var home = await client.GetDocumentAsync("/");
        using var signOut = await client.SubmitAsync(home.Form("form[action='/Identity/Account/Logout']"));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var asBrowser = new HttpRequestMessage(HttpMethod.Get, "/teams/new");
        asBrowser.Headers.Accept.ParseAdd("text/html");
        using var after = await client.SendAsync(asBrowser);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong()
    {
        var email = NewEmail();
        using (await RegisterAsync(factory.CreateAnonymousClient(), email))
        {
        }

        using var response = await SignInAsync(factory.CreateAnonymousClient(), email, "not the password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("do not match", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task FiveFailedSignInsLockTheAccountEvenAgainstTheRightPassword()
    {
        var email = NewEmail();
        using (await RegisterAsync(factory.CreateAnonymousClient(), email))
        {
        }

        var client = factory.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(client, email, $"wrong password {i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await SignInAsync(client, email, "a long passphrase");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var page = await HtmlForms.ParseAsync(right);
        Assert.Contains("locked", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var lockoutEnd = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
    }

    [Fact]
    public async Task AReturnUrlOffTheSiteIsIgnored()
    {
        var email = NewEmail();
        using (await RegisterAsync(factory.CreateAnonymousClient(), email))
        {
        }

        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a long passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AKeepMeSignedInValueOtherThanTrueOrFalseIsAnsweredWithTheFormNotAServerError()
    {
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login");

        using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
        {
            ["Input.Email"] = "someone@example.com",
            ["Input.Password"] = "whatever pass",
            ["Input.RememberMe"] = "x",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await HtmlForms.ParseAsync(response);
        Assert.Contains("Tick the box or leave it empty", shown.QuerySelector("[data-valmsg-for='Input.RememberMe']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("someone@example.com", shown.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheNavbarRegisterLinkOnTheSignInPageKeepsTheInvitesReturnAddress()
    {
        var page = await factory.CreateAnonymousClient().GetDocumentAsync("/Identity/Account/Login?ReturnUrl=%2Fjoin%2Fabc123");

        var register = page.QuerySelectorAll("nav a").Single(a => a.TextContent == "Register").GetAttribute("href");
        Assert.Equal("/Identity/Account/Register?returnUrl=%2Fjoin%2Fabc123", register);
    }

    [Fact]
    public async Task ANonLocalReturnAddressIsNotCarriedIntoTheNavbar()
    {
        var page = await factory.CreateAnonymousClient().GetDocumentAsync("/Identity/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/Identity/Account/Register", page.QuerySelectorAll("nav a").Single(a => a.TextContent == "Register").GetAttribute("href"));
    }

    [Fact]
    public async Task AfterThePasswordChangesElsewhereAnOldSessionEndsOnceTheStampIsDueForACheckAndNotBefore()
    {
        var clock = new ShiftedClock();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = clock)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = NewEmail();
        using (var registered = await RegisterAsync(client, email))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        // Within the interval the cookie is not checked against the user, so the session goes on.
        clock.Shift = TimeSpan.FromMinutes(29);
        using (var soon = await client.GetAsync("/teams/new"))
        {
            Assert.Equal(HttpStatusCode.OK, soon.StatusCode);
        }

        clock.Shift = TimeSpan.FromMinutes(31);
        using var later = await client.GetAsync("/teams/new");
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}

public class RestartTests
{
    [Fact]
    public async Task PeopleStaySignedInAcrossARestartOfTheApp()
    {
        var folder = ZonePollFactory.NewFolder();
        string cookie;
        await using (var before = ZonePollFactory.OverFolder(folder, keepFiles: true))
        {
            var client = before.CreateAnonymousClient();
            var page = await client.GetDocumentAsync("/Identity/Account/Register");
            using var registered = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
            {
                ["Input.DisplayName"] = "Stella Stays",
                ["Input.Email"] = "stella@example.com",
                ["Input.Password"] = "a long passphrase",
                ["Input.ConfirmPassword"] = "a long passphrase",
            });
            cookie = registered.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal))
                .Split(';')[0];
        }

        await using var after = ZonePollFactory.OverFolder(folder, keepFiles: false);
        var restarted = after.CreateAnonymousClient();
        restarted.DefaultRequestHeaders.Add("Cookie", cookie);

        using var response = await restarted.GetAsync("/teams/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
    [Fact]
    public async Task AnUpgradeBringsTheOldKeysFolderIntoTheDatabaseSoCookiesItSignedStillWork()
    {
        // What an older version left beside the database: a keys folder, and something protected with its key.
        var folder = ZonePollFactory.NewFolder();
        var keys = new DirectoryInfo(Path.Combine(folder, "keys"));
        var old = new ServiceCollection();
        old.AddDataProtection().SetApplicationName("ZonePoll").PersistKeysToFileSystem(keys);
        await using var oldServices = old.BuildServiceProvider();
        var payload = oldServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("a cookie").Protect("still signed in");
        var oldKey = Assert.Single(oldServices.GetRequiredService<IKeyManager>().GetAllKeys()).KeyId;

        // The keys folder sat beside a SQLite file: no earlier version ran on PostgreSQL.
        await using var upgraded = ZonePollFactory.OverFolder(folder, keepFiles: false, DatabaseProvider.Sqlite);
        using var client = upgraded.CreateAnonymousClient();

        Assert.Contains(oldKey, upgraded.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId));
        Assert.Equal("still signed in", upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("a cookie").Unprotect(payload));
        Assert.Equal(1, await upgraded.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}

public sealed class StrictRateLimitFactory : ZonePollFactory
{
    protected override int SignInPerMinute => 3;
}

public class SignInRateLimitTests(StrictRateLimitFactory factory) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task RepeatedSignInAttemptsFromOneAddressGetTooManyRequests()
    {
        var client = factory.CreateAnonymousClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string?>
            {
                ["Input.Email"] = "nobody@example.com",
                ["Input.Password"] = "whatever pass",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // The same address is refused on the other page that takes a password, but may still read both pages.
        var register = await client.GetDocumentAsync("/Identity/Account/Register");
        using var registering = await client.SubmitAsync(register.Form(), new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "Nobody",
            ["Input.Email"] = "nobody-else@example.com",
            ["Input.Password"] = "whatever pass",
            ["Input.ConfirmPassword"] = "whatever pass",
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, registering.StatusCode);
        using var viewing = await client.GetAsync("/Identity/Account/Login?ReturnUrl=%2F");
        Assert.Equal(HttpStatusCode.OK, viewing.StatusCode);
    }
}
