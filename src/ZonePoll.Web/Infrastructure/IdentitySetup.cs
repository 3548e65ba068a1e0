using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Infrastructure;

public static class IdentitySetup
{
    public const string LoginPath = "/Identity/Account/Login";
    public const string RegisterPath = "/Identity/Account/Register";

    /// <summary>The rate-limit policy of the pages that take a password: a few posts a minute from one address.</summary>
    public const string SignInAttempts = "sign-in";

    public static IServiceCollection AddZonePollIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
            cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = LoginPath;
                options.LogoutPath = "/Identity/Account/Logout";
                options.AccessDeniedPath = LoginPath;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ValidateSecurityStampWhenDueAsync;
                // Signing in on the sign-in page would also send the browser to the query's ReturnUrl as typed, which
                // Kestrel refuses when it is not ASCII; the sign-in and register pages redirect for themselves
                // (ReturnUrls), so the cookie's own redirect is left out.
                options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
                options.Events.OnRedirectToLogin = context =>
                {
                    // People (whose browsers ask for HTML, even when following a PDF or CSV link) get the sign-in
                    // page and come back afterwards; scripts and the hub get a status code they can act on.
                    if (!AcceptsHtml(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            }));

        services.AddSingleton<SignInTickets>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<SignInTickets>((options, tickets) => options.TicketDataFormat = tickets.Remembering(options.TicketDataFormat));

        services.AddIdentityCore<AppUser>(options =>
            {
                // Length over composition rules (NIST 800-63B).
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ZonePollDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var permitsPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A policy on the two pages rather than a global limiter: every other request then passes the middleware
            // without a limiter lookup.
            options.AddPolicy(SignInAttempts, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("viewing"));
        });

        return services;
    }

    /// <summary>
    /// Identity's validator re-reads the user once the cookie is older than the validation interval, but it builds a
    /// SignInManager, a UserManager and a DbContext on every request before looking at the age; that was an eighth of
    /// a cached tally.json request. The same age test first, so the services are built only when the check is due.
    /// </summary>
    private static Task ValidateSecurityStampWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
