using ZonePoll.Web.Chat;
using ZonePoll.Web.Data;
using ZonePoll.Web.Demo;
using ZonePoll.Web.Email;
using ZonePoll.Web.Handouts;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

// Content root and static files: the same whether published, built in Release or run from another folder.
var builder = WebApplication.CreateBuilder(AppFolders.Options(args)).UseBuildOutputStaticAssets();

// Data: SQLite file (created when missing) or PostgreSQL (Database:Provider), data-protection keys in it, /health.
builder.Services.AddZonePollData(builder.Configuration, builder.Environment);

// Accounts: Identity with our own sign-in pages, lockout, rate-limited sign-in, signed-in by default; behind a
// proxy, the client's address from the proxies named in ForwardedHeaders:KnownProxies.
builder.Services.AddZonePollIdentity(builder.Configuration);
builder.Services.AddZonePollProxies(builder.Configuration);

// Request bodies: at most 1 MB, chunked or not, capped before anything reads them (sign-in or not).
builder.Services.AddZonePollRequestLimits();

// Teams and worksheets; saves queue for this instance's WorksheetWriter (SQLite has one writer at a time).
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<PublicUrl>();
builder.Services.AddZonePollMembership();
builder.Services.AddScoped<WorksheetSaver>();
builder.Services.AddScoped<CarryForward>();
builder.Services.AddScoped<MeetingActions>();
builder.Services.AddScoped<TrendQuery>();
builder.Services.AddScoped<LocalTime>();
builder.Services.AddSingleton<WorksheetWriter>();
builder.Services.AddSingleton<TeamNames>();
builder.Services.AddScoped<DemoSeeder>();

// The live tally: snapshot query, SignalR hub (through Redis when SignalR:Redis is set) and the notifier that feeds it.
builder.Services.AddZonePollTally(builder.Configuration);

// The handout PDF, drawn with SkiaSharp and the bundled fonts.
builder.Services.AddZonePollHandouts();

// E-mail from a durable outbox: to Email:Smtp's server, or as .eml files beside the database when none is set.
builder.Services.AddZonePollEmail(builder.Configuration);

// Team chat webhooks from their own durable queue; metrics (a Meter, and /metrics for Prometheus) when Metrics:Enabled.
builder.Services.AddZonePollChat(builder.Configuration, builder.Environment);
builder.Services.AddZonePollMetrics(builder.Configuration);

builder.Services.AddRazorPages().AddMvcOptions(options => options.UseStrictBooleans().UseRouteValuesFirst().RefuseUnknownHandlers());

var app = builder.Build();
app.UseZonePollMetrics();
app.UseZonePollProxies(app.Configuration);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseZonePollSecurityHeaders();
app.UseZonePollRequestLimits();
app.UseZonePollFormInput();
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseZonePollMembership();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapZonePollTally();
app.MapEntriesCsv();
app.MapTeamTrend();
app.MapHandout();
app.MapZoneColours();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapZonePollMetrics();

// `--backup <file>`: copy the live database and exit, without starting the web server.
if (await app.RunIfRequestedAsync(Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

// Migrations at start-up; demo data in Development only.
await app.Services.MigrateZonePollDatabaseAsync();
if (app.Environment.IsDevelopment())
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

await app.RunAsync();
return 0;

public partial class Program;
