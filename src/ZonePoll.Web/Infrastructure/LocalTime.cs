using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// A person's own time zone, as their browser reported it (<see cref="AppUser.TimeZone"/>), or UTC until it has.
/// Formats instants in it with the UTC offset beside them, so a time is never ambiguous.
/// </summary>
public sealed record LocalZone(string? StoredId, TimeZoneInfo Zone)
{
    public static LocalZone Utc { get; } = new(null, TimeZoneInfo.Utc);

    /// <summary>True when the times shown are in the person's own zone; false when they are UTC for want of one.</summary>
    public bool IsKnown => StoredId is not null;

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The person's today: near midnight it differs from UTC's, and a step done "today" must be their today.</summary>
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>"3 Dec 2026 09:15 UTC-05:00", or "… UTC" when the zone is not known.</summary>
    public string Format(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return $"{local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} {Offset(local.Offset)}";
    }

    /// <summary>The instant in UTC for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Machine(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private string Offset(TimeSpan offset)
    {
        if (!IsKnown)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture)}";
    }
}

/// <summary>
/// Finds the signed-in person's <see cref="LocalZone"/>, once per request: the layout asks for it (to tell the
/// browser what is stored) and so may the page.
/// </summary>
public sealed partial class LocalTime(ZonePollDbContext db)
{
    private LocalZone? _zone;

    /// <summary>
    /// A zone id worth looking up: IANA-shaped ("America/New_York", "Etc/GMT+5", "UTC"), at most
    /// <see cref="AppUser.TimeZoneMaxLength"/> characters, so nothing like a path reaches the system's zone files.
    /// </summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id) || id.Length > AppUser.TimeZoneMaxLength || !ZoneIdShape().IsMatch(id))
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            return false;
        }

        zone = found;
        return true;
    }

    public async Task<LocalZone> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_zone is not null)
        {
            return _zone;
        }

        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var stored = userId is null
            ? null
            : await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);

        // A zone stored once and since gone from the system's list shows UTC, said as such, rather than failing the page.
        _zone = TryFind(stored, out var zone) ? new LocalZone(stored, zone) : LocalZone.Utc;
        return _zone;
    }

    /// <summary>Remembers the zone the person's browser reported; false (nothing stored) when it is not a known zone.</summary>
    public async Task<bool> StoreAsync(string userId, string? id, CancellationToken cancellationToken)
    {
        if (!TryFind(id, out var zone))
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, id), cancellationToken);
        _zone = new LocalZone(id, zone);
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneIdShape();
}
