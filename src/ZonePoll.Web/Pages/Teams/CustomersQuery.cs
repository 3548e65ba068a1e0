using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Pages.Teams;

public enum CustomerSort
{
    Name,
    Zone,
}

/// <summary>What the list is narrowed to; <see cref="Search"/> is already normalised as customer names are.</summary>
public sealed record CustomerListFilter(string? Search, Zone? Zone, bool OpenFollowUpOnly, CustomerSort Sort);

/// <summary>Where the customer stood at one meeting: the lowest zone any (visible) rep gave them there.</summary>
public sealed record ZoneAt(int MeetingId, string Meeting, DateOnly Date, Zone Zone);

public sealed record OpenFollowUpView(int Id, FollowUpStep? NextStep, DateOnly DueOn, string Owner);

public sealed record LastNote(string Text, string Rep, string Meeting);

/// <summary>One customer on the list; <see cref="Recent"/> holds the last three meetings they were listed at, newest first.</summary>
public sealed record CustomerListItem(
    int Id, string Name, Zone Zone, IReadOnlyList<ZoneAt> Recent, IReadOnlyList<string> Reps, OpenFollowUpView? FollowUp, LastNote? Note);

/// <summary>A row the list is built from: one entry of one worksheet.</summary>
public sealed record CustomerEntryRow(int CustomerId, string Customer, int MeetingId, string Meeting, DateOnly Date, string Rep, Zone Zone, string? Note);

public sealed record OpenFollowUpRow(int Id, int CustomerId, DateOnly DueOn, DateOnly? ClarifiedOn, DateOnly? FixedOn, DateOnly? FollowedUpOn, string Owner);

/// <summary>
/// The team's customer list in two queries whatever the team's size: every entry in scope (flat, no tracking) and the
/// open follow-ups, then grouped in memory. A rep's scope is their own worksheets and follow-ups only, so nothing of
/// another rep (zone, note, name) reaches their list.
/// </summary>
public static class CustomersQuery
{
    public const int RecentMeetings = 3;

    private static readonly StringComparer ByName =
        StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);

    /// <summary>Loads, builds and narrows the list; <c>onlyRep</c> is a rep's user id for their own view, null for a manager's.</summary>
    public static async Task<IReadOnlyList<CustomerListItem>> LoadAsync(
        ZonePollDbContext db, int teamId, string? onlyRep, CustomerListFilter filter, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrEmpty(filter.Search) ? null : filter.Search;
        var entries = await db.Worksheets.AsNoTracking()
            .Where(w => w.Meeting!.TeamId == teamId && (onlyRep == null || w.RepId == onlyRep))
            .SelectMany(
                w => w.Entries.Where(e => search == null || e.Customer!.NormalizedName.Contains(search)),
                (w, e) => new CustomerEntryRow(
                    e.CustomerId, e.Customer!.Name, w.MeetingId, w.Meeting!.Title, w.Meeting.Date, w.Rep!.DisplayName, e.Zone, e.Note))
            .ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.TeamId == teamId && f.ClosedAt == null && (onlyRep == null || f.OwnerId == onlyRep))
            .Where(f => search == null || f.Customer!.NormalizedName.Contains(search))
            .Select(f => new OpenFollowUpRow(f.Id, f.CustomerId, f.DueOn, f.ClarifiedOn, f.FixedOn, f.FollowedUpOn, f.Owner!.DisplayName))
            .ToListAsync(cancellationToken);
        return Apply(Build(entries, followUps), filter);
    }

    /// <summary>Pure: groups the rows by customer, counting each meeting as the tally does.</summary>
    public static IReadOnlyList<CustomerListItem> Build(IReadOnlyList<CustomerEntryRow> entries, IReadOnlyList<OpenFollowUpRow> followUps)
    {
        // One open follow-up per customer is what the database guarantees; the first is taken all the same.
        var open = followUps.GroupBy(f => f.CustomerId).ToDictionary(g => g.Key, g => g.First());
        var items = new List<CustomerListItem>();
        foreach (var customer in entries.GroupBy(e => e.CustomerId))
        {
            var meetings = customer
                .GroupBy(e => e.MeetingId)
                .OrderByDescending(m => m.First().Date)
                .ThenByDescending(m => m.Key)
                .Take(RecentMeetings)
                .ToList();

            // A customer two reps list counts in the lowest zone either gave, as in the tally and the trend.
            var recent = meetings
                .Select(m => new ZoneAt(m.Key, m.First().Meeting, m.First().Date, m.Select(e => e.Zone).Aggregate(ZoneMath.Lowest)))
                .ToList();
            var latest = meetings[0];
            var reps = latest.Select(e => e.Rep).Distinct(StringComparer.Ordinal).Order(ByName).ToList();
            var note = customer
                .Where(e => !string.IsNullOrWhiteSpace(e.Note))
                .OrderByDescending(e => e.Date)
                .ThenByDescending(e => e.MeetingId)
                .ThenBy(e => e.Zone)
                .ThenBy(e => e.Rep, StringComparer.Ordinal)
                .Select(e => new LastNote(e.Note!, e.Rep, e.Meeting))
                .FirstOrDefault();
            var followUp = open.TryGetValue(customer.Key, out var f)
                ? new OpenFollowUpView(f.Id, FollowUpStepStyle.Next(f.ClarifiedOn, f.FixedOn, f.FollowedUpOn), f.DueOn, f.Owner)
                : null;

            items.Add(new CustomerListItem(customer.Key, customer.First().Customer, recent[0].Zone, recent, reps, followUp, note));
        }

        return items;
    }

    public static IReadOnlyList<CustomerListItem> Apply(IReadOnlyList<CustomerListItem> items, CustomerListFilter filter)
    {
        var kept = items.Where(i => (filter.Zone is not { } zone || i.Zone == zone) && (!filter.OpenFollowUpOnly || i.FollowUp is not null));
        var sorted = filter.Sort == CustomerSort.Zone
            ? kept.OrderBy(i => i.Zone).ThenBy(i => i.Name, ByName)
            : kept.OrderBy(i => i.Name, ByName);
        return [.. sorted.ThenBy(i => i.Id)];
    }
}
