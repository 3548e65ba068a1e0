using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Teams;

/// <summary>
/// DESIGN.md §8, "one id, the checked one": a handler acts only on the meeting, team or follow-up the membership rule
/// resolved from the route. Both tests walk the app itself, so a handler added tomorrow is covered unlisted.
/// </summary>
public sealed partial class CheckedIdTests : IDisposable
{
    private readonly ZonePollFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    // Names that identify what a membership rule checks, or anything else the route carries.
    private static readonly string[] CheckedNames = ["id", "meetingId", "teamId", "followUpId", "customerId"];

    [Fact]
    public void NoPageBindsAnIdLikeValueFromAnywhereButTheRoute()
    {
        var routeNames = RouteEndpoints().SelectMany(e => e.RoutePattern.Parameters.Select(p => p.Name));
        var idLike = new HashSet<string>(CheckedNames.Concat(routeNames), StringComparer.OrdinalIgnoreCase);
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();
        var failures = new List<string>();

        foreach (var page in pages)
        {
            var handlers = page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal) && !m.IsSpecialName && m.DeclaringType == page
                    && m.Name is not ("OnPageHandlerExecuting" or "OnPageHandlerExecuted" or "OnPageHandlerSelected"
                        or "OnPageHandlerExecutionAsync" or "OnPageHandlerSelectionAsync"));
            foreach (var handler in handlers)
            {
                foreach (var parameter in handler.GetParameters().Where(p => idLike.Contains(p.Name!)))
                {
                    if (parameter.GetCustomAttribute<FromRouteAttribute>() is null)
                    {
                        failures.Add($"{page.Name}.{handler.Name}({parameter.Name}) can be bound from a form or query string.");
                    }
                }
            }

            var bindsAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var bound = bindsAll || property.GetCustomAttribute<BindPropertyAttribute>() is not null;
                if (!bound)
                {
                    continue;
                }

                if (idLike.Contains(property.Name) && property.GetCustomAttribute<FromRouteAttribute>() is null)
                {
                    failures.Add($"{page.Name}.{property.Name} can be bound from a form or query string.");
                }

                // An input model's TeamId posted as Input.TeamId is the same mistake under a prefix.
                foreach (var inner in BoundMembers(property.PropertyType).Where(p => CheckedNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                {
                    failures.Add($"{page.Name}.{property.Name}.{inner.Name} binds a checked id from the form.");
                }
            }
        }

        Assert.True(pages.Count >= 10, $"Expected the app's pages, found {pages.Count}.");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task NoHandlerTouchesOrShowsAnotherTeamsDataWhenTheirIdsArePostedToItsOwnRoute()
    {
        var world = await AttackWorld.CreateAsync(_factory);
        var before = await world.VictimStateAsync();
        var failures = new List<string>();
        var sent = 0;

        foreach (var target in await TargetsAsync())
        {
            var caller = target.Rule?.Role == MemberRole.Rep ? world.AttackerRep : world.AttackerManager;
            var path = Fill(target.Pattern, world);
            var query = target.Handler is { } name ? $"handler={name}&" : "";
            var fields = world.CraftedFields(target.Pattern)
                .Where(f => CheckedNames.Contains(f.Key) || f.Key == "userId")
                .Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}");
            var url = $"{path}?{query}{string.Join('&', fields)}";
            using var request = new HttpRequestMessage(target.Method == HttpMethods.Post ? HttpMethod.Post : HttpMethod.Get, url)
            {
                // GETs carry the same body: a form value must not steer what a page shows either.
                Content = new FormUrlEncodedContent(world.CraftedFields(target.Pattern).Append(new("__RequestVerificationToken", world.TokenFor(caller)))),
            };
            using var response = await caller.SendAsync(request);
            sent++;
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{target.Method} {url}: {(int)response.StatusCode}");
            }

            if (target.Rule is not null && world.VictimSecrets.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal)) is { } leaked)
            {
                failures.Add($"{target.Method} {url} shows the other team's \"{leaked}\"");
            }
        }

        var after = await world.VictimStateAsync();
        Assert.True(sent >= 20, $"Expected every handler, sent {sent}.");
        Assert.Equal(before, after);
        Assert.Empty(failures);
        // The crafted requests were not all refused at the door: on the attacker's own meeting they did their work.
        var own = await world.AttackerMeetingAsync();
        Assert.True(own.ResultsRevealed, "The Reveal handler did not act on the attacker's own meeting.");
        Assert.Contains(AttackWorld.CraftedPrompt, own.Prompts);
    }

    [Fact]
    public async Task ARequestNamingNoHandlerOfAPageIsRefusedWithoutAServerError()
    {
        var world = await AttackWorld.CreateAsync(_factory);
        var failures = new List<string>();
        var pages = (await TargetsAsync())
            .Where(t => t.Handler is not null || t.Method == HttpMethods.Get)
            .Select(t => (t.Pattern, t.Rule))
            .Distinct()
            .ToList();

        foreach (var (pattern, rule) in pages)
        {
            var caller = rule?.Role == MemberRole.Rep ? world.AttackerRep : world.AttackerManager;
            var path = Fill(pattern, world);
            foreach (var (method, query) in new[]
            {
                (HttpMethod.Post, ""), (HttpMethod.Post, "?handler=Nope"), (HttpMethod.Get, "?handler=Nope"), (HttpMethod.Put, ""),
            })
            {
                using var request = new HttpRequestMessage(method, path + query)
                {
                    Content = new FormUrlEncodedContent([new("__RequestVerificationToken", world.TokenFor(caller))]),
                };
                using var response = await caller.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path}{query}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(pages.Count >= 10, $"Expected the app's pages, found {pages.Count}.");
        Assert.Empty(failures);
    }

    private List<RouteEndpoint> RouteEndpoints() => AppHandlers.RouteEndpoints(_factory);

    /// <summary>Every page handler (with its verb and name) and every endpoint a membership rule guards.</summary>
    private async Task<List<AppHandler>> TargetsAsync() =>
        [.. (await AppHandlers.AllAsync(_factory)).Where(h => h.IsPage || h.Rule is not null)];

    private static string Fill(string pattern, AttackWorld world) =>
        RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "id" => Invariant(world.Own.MeetingId),
            "teamId" => Invariant(world.Own.TeamId),
            "customerId" => Invariant(world.OwnCustomerId),
            "followUpId" => Invariant(world.OwnFollowUpId),
            "token" => world.OwnInviteToken,
            "code" => "404",
            var other => throw new InvalidOperationException($"Give {pattern} a value for {{{other}}} in this test."),
        });

    private static IEnumerable<PropertyInfo> BoundMembers(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("ZonePoll", StringComparison.Ordinal) == true
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            : type.IsGenericType && type.GetGenericArguments() is [var item] ? BoundMembers(item) : [];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>
    /// The victim's team (a manager, a rep and the attackers as reps, a meeting with worksheets, a follow-up, a
    /// customer) and the attackers' own team, where one attacker manages and the other is a rep.
    /// </summary>
    private sealed class AttackWorld
    {
        public const string CraftedPrompt = "Crafted prompt from the other team";

        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

        private readonly ZonePollFactory _factory;
        private readonly Dictionary<HttpClient, string> _tokens = [];

        private AttackWorld(ZonePollFactory factory) => _factory = factory;

        public TeamSetup Own { get; private set; } = null!;
        public TeamSetup Victim { get; private set; } = null!;
        public HttpClient AttackerManager { get; private set; } = null!;
        public HttpClient AttackerRep { get; private set; } = null!;
        public string AttackerManagerId { get; private set; } = "";
        public int OwnCustomerId { get; private set; }
        public int OwnFollowUpId { get; private set; }
        public string OwnInviteToken { get; private set; } = "";
        public int VictimCustomerId { get; private set; }
        public int VictimFollowUpId { get; private set; }
        public int VictimPromptId { get; private set; }
        public int OwnWorksheetVersion { get; private set; }
        public int OwnFollowUpVersion { get; private set; }
        public IReadOnlyList<string> VictimSecrets { get; private set; } = [];

        public static async Task<AttackWorld> CreateAsync(ZonePollFactory factory)
        {
            var world = new AttackWorld(factory);
            await world.SetUpAsync();
            return world;
        }

        private async Task SetUpAsync()
        {
            Victim = await _factory.CreateTeamAsync(reps: 1, teamName: "Victim Sales");
            Own = await _factory.CreateTeamAsync(reps: 1, teamName: "Attackers Inc");
            AttackerManagerId = Own.ManagerId;
            // Both attackers are also reps on the victim's team: a crossing id could otherwise hide behind a 404.
            await _factory.WithDbAsync(async db =>
            {
                db.TeamMembers.AddRange(
                    new TeamMember { TeamId = Victim.TeamId, UserId = Own.ManagerId, Role = TeamRole.Rep, JoinedAt = DateTimeOffset.UtcNow },
                    new TeamMember { TeamId = Victim.TeamId, UserId = Own.RepIds[0], Role = TeamRole.Rep, JoinedAt = DateTimeOffset.UtcNow });
                db.MeetingPrompts.Add(new Web.Meetings.MeetingPrompt { MeetingId = Victim.MeetingId, Position = 99, Text = "Victim secret prompt" });
                return await db.SaveChangesAsync();
            });

            await _factory.CreateClientFor(Victim.RepIds[0])
                .SaveWorksheetAsync(Victim.MeetingId, ("Victimco Secret Customer", "Recovery", "Key", "victim-secret-note"));
            AttackerManager = _factory.CreateClientFor(Own.ManagerId);
            AttackerRep = _factory.CreateClientFor(Own.RepIds[0]);
            await AttackerRep.SaveWorksheetAsync(Own.MeetingId, ("Own Customer", "Recovery", "Standard", null));
            await AttackerRep.SaveWorksheetAsync(Victim.MeetingId, ("Shared Customer", "Expectations", "Standard", null));

            (OwnCustomerId, OwnFollowUpId, OwnFollowUpVersion, OwnInviteToken) = await _factory.WithDbAsync(async db =>
            {
                var followUp = await db.FollowUps.SingleAsync(f => f.TeamId == Own.TeamId);
                var token = await db.Teams.Where(t => t.Id == Own.TeamId).Select(t => t.InviteToken).SingleAsync();
                return (followUp.CustomerId, followUp.Id, followUp.Version, token);
            });
            (VictimCustomerId, VictimFollowUpId, VictimPromptId, var victimToken, var victimEmail) = await _factory.WithDbAsync(async db =>
            {
                var followUp = await db.FollowUps.SingleAsync(f => f.TeamId == Victim.TeamId && f.OwnerId == Victim.RepIds[0]);
                var prompt = await db.MeetingPrompts.Where(p => p.MeetingId == Victim.MeetingId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
                var token = await db.Teams.Where(t => t.Id == Victim.TeamId).Select(t => t.InviteToken).SingleAsync();
                var email = await db.Users.Where(u => u.Id == Victim.ManagerId).Select(u => u.Email!).SingleAsync();
                return (followUp.CustomerId, followUp.Id, prompt, token, email);
            });
            OwnWorksheetVersion = await _factory.WithDbAsync(db =>
                db.Worksheets.Where(w => w.MeetingId == Own.MeetingId && w.RepId == Own.RepIds[0]).Select(w => w.Version).SingleAsync());
            await _factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == Victim.MeetingId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, "Victim secret meeting")));
            VictimSecrets =
            [
                victimToken, victimEmail, "Victimco Secret Customer", "victim-secret-note", "Victim secret meeting", "Victim secret prompt", "Victim Sales",
            ];

            foreach (var client in new[] { AttackerManager, AttackerRep })
            {
                // Any page of the caller's own gives a valid antiforgery token (and its cookie) for their session.
                var page = await client.GetDocumentAsync("/teams/new");
                _tokens[client] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            }
        }

        public string TokenFor(HttpClient client) => _tokens[client];

        /// <summary>
        /// Every id-like name pointing at the victim, plus the fields that make each handler act, so a handler
        /// that read one of those ids would change the victim's data rather than be refused for missing input.
        /// </summary>
        public Dictionary<string, string> CraftedFields(string pattern)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var fields = new Dictionary<string, string>
            {
                ["id"] = Invariant(Victim.MeetingId),
                ["meetingId"] = Invariant(Victim.MeetingId),
                ["teamId"] = Invariant(Victim.TeamId),
                ["followUpId"] = Invariant(VictimFollowUpId),
                ["customerId"] = Invariant(VictimCustomerId),
                // The attacker themself: only a handler reading the victim's team would find them there as a rep.
                ["userId"] = AttackerManagerId,
                ["promptId"] = Invariant(VictimPromptId),
                ["status"] = "Open",
                ["revealed"] = "true",
                ["show"] = "true",
                ["text"] = CraftedPrompt,
                ["direction"] = "1",
                ["days"] = "7",
                ["Rows[0].Name"] = "Crafted Customer",
                ["Rows[0].Zone"] = "Recovery",
                ["Rows[0].AccountType"] = "Standard",
                ["Steps[0].Done"] = "true",
                ["DueOn"] = today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["OwnerId"] = AttackerManagerId,
                ["Input.Title"] = "Crafted meeting",
                ["Input.Date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Input.OpenNow"] = "true",
                ["Input.Name"] = "Crafted team",
            };
            fields["Version"] = Invariant(pattern.Contains("followups", StringComparison.Ordinal) ? OwnFollowUpVersion : OwnWorksheetVersion);
            return fields;
        }

        /// <summary>Everything of the victim's team a crossing handler could change, as one comparable text.</summary>
        public Task<string> VictimStateAsync() => _factory.WithDbAsync(async db =>
        {
            var teamId = Victim.TeamId;
            var state = new
            {
                Team = await db.Teams.Where(t => t.Id == teamId).Select(t => new { t.Name, t.InviteToken, t.InviteExpiresAt }).SingleAsync(),
                Members = (await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => new { m.UserId, m.Role }).ToListAsync())
                    .OrderBy(m => m.UserId, StringComparer.Ordinal),
                Meetings = (await db.Meetings.Where(m => m.TeamId == teamId)
                    .Select(m => new { m.Id, m.Title, m.Date, m.Status, m.ResultsRevealed, m.ShowCustomerNames })
                    .ToListAsync()).OrderBy(m => m.Id),
                Prompts = (await db.MeetingPrompts.Where(p => p.MeetingId == Victim.MeetingId)
                    .Select(p => new { p.Id, p.Position, p.Text })
                    .ToListAsync()).OrderBy(p => p.Id),
                Worksheets = (await db.Worksheets.Where(w => w.Meeting!.TeamId == teamId)
                    .Select(w => new
                    {
                        w.Id,
                        w.RepId,
                        w.Version,
                        Entries = w.Entries.OrderBy(e => e.Position).Select(e => new { e.CustomerName, e.Zone, e.Note }).ToList(),
                    })
                    .ToListAsync()).OrderBy(w => w.Id),
                FollowUps = (await db.FollowUps.Where(f => f.TeamId == teamId)
                    .Select(f => new { f.Id, f.OwnerId, f.DueOn, f.ClarifiedOn, f.FixedOn, f.FollowedUpOn, f.ClosedAt, f.Version })
                    .ToListAsync()).OrderBy(f => f.Id),
                FollowUpHistory = await db.FollowUpChanges.CountAsync(c => db.FollowUps.Any(f => f.Id == c.FollowUpId && f.TeamId == teamId)),
                Customers = (await db.Customers.Where(c => c.TeamId == teamId).Select(c => new { c.Id, c.Name }).ToListAsync()).OrderBy(c => c.Id),
            };
            return JsonSerializer.Serialize(state, Indented);
        });

        public Task<(bool ResultsRevealed, List<string> Prompts)> AttackerMeetingAsync() => _factory.WithDbAsync(async db =>
        {
            var revealed = await db.Meetings.Where(m => m.Id == Own.MeetingId).Select(m => m.ResultsRevealed).SingleAsync();
            var prompts = await db.MeetingPrompts.Where(p => p.MeetingId == Own.MeetingId).Select(p => p.Text).ToListAsync();
            return (revealed, prompts);
        });
    }
}
