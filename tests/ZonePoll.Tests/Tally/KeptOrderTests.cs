using System.Text.Json;
using ZonePoll.Web.FollowUps;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Tally;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Tally;

public class KeptOrderTests
{
    // Names whose culture order differs from their ordinal order: accents, case, spaces and punctuation.
    private static readonly string[] Names =
    [
        "Ærø Trading", "acme", "Acme", "Äcme Nord", "Café Nord", "Cafe Nord", "Zeta", "zeta-2",
        "Élan", "Elan", "Nord AB", "Nørd", "O'Neil", "ONeil", "Ωmega", "Beta",
    ];

    private readonly record struct Row(int Type, string Name, int Id)
    {
        public static int Order(Row a, Row b) =>
            a.Type != b.Type ? a.Type - b.Type
            : StringComparer.CurrentCulture.Compare(a.Name, b.Name) is var name && name != 0 ? name
            : a.Id.CompareTo(b.Id);
    }

    private static List<Row> FullSort(IEnumerable<Row> rows) => [.. rows.OrderBy(r => r, Comparer<Row>.Create(Row.Order))];

    private static List<Row> Sort(List<Row> rows, IEnumerable<Row>? previous) => KeptOrder.Sort(rows, r => r, r => r.Id, previous, Row.Order);

    private static Row RandomRow(Random random, int id) => new(random.Next(3), Names[random.Next(Names.Length)], id);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(200)]
    public void SortingFromTheLastBuildsOrderGivesTheFullSortAfterAddsRemovalsAndChangedKeys(int changes)
    {
        var random = new Random(changes);
        for (var round = 0; round < 50; round++)
        {
            var rows = Enumerable.Range(1, 300).Select(id => RandomRow(random, id)).ToList();
            var previous = FullSort(rows);
            var nextId = 301;
            for (var i = 0; i < changes; i++)
            {
                var at = random.Next(rows.Count);
                switch (random.Next(4))
                {
                    case 0:
                        rows.RemoveAt(at);
                        break;
                    case 1:
                        rows.Insert(at, RandomRow(random, nextId++));
                        break;
                    case 2:
                        rows[at] = rows[at] with { Type = random.Next(3) };
                        break;
                    default:
                        rows[at] = rows[at] with { Name = Names[random.Next(Names.Length)] };
                        break;
                }
            }

            Assert.Equal(FullSort(rows), Sort(rows, previous));
        }
    }

    [Fact]
    public void WithNoLastOrderOrOneOfOtherRowsItSortsThemAll()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(1, 100).Select(id => RandomRow(random, id)).ToList();
        Assert.NotEqual(rows, FullSort(rows));
        var strangers = Enumerable.Range(1000, 100).Select(id => RandomRow(random, id)).ToList();

        Assert.Equal(FullSort(rows), Sort(rows, previous: null));
        Assert.Equal(FullSort(rows), Sort(rows, FullSort(strangers)));
        Assert.Empty(Sort([], FullSort(rows)));
    }

    [Fact]
    public void ASnapshotBuiltFromTheLastOneIsTheSnapshotBuiltFromScratch()
    {
        var random = new Random(21);
        var today = new DateOnly(2026, 12, 3);
        var meeting = new TallyMeeting(7, "December", "Sales North", today, MeetingStatus.Open, true, true, new DateOnly(2026, 11, 26));
        var reps = Enumerable.Range(0, 30).Select(i => new TallyRep($"r{i}", $"{Names[i % Names.Length]} {i % 4}")).ToList();
        TallyEntry Entry(int rep, int customer) =>
            new($"r{rep}", customer, $"{Names[customer % Names.Length]} {customer % 7}", (Zone)random.Next(3), (AccountType)random.Next(4), null);
        TallyFollowUp FollowUp(int id) => new(
            id, id, $"{Names[id % Names.Length]} {id % 7}", "Rep", FollowUpCause.Recovery, today.AddDays(-20), today.AddDays(random.Next(-5, 5)),
            null, null, null, null, random.Next(5) == 0 ? FollowUpClosure.LeftRecovery : null);
        var entries = Enumerable.Range(0, 300).Select(i => Entry(i / 10, random.Next(1, 250))).ToList();
        var followUps = Enumerable.Range(1, 120).Select(FollowUp).ToList();
        var nextFollowUp = 121;
        var previous = reps
            .SelectMany(r => Enumerable.Range(1, 250).Where(_ => random.Next(8) == 0).Select(c => new PreviousEntry(r.Id, c, (Zone)random.Next(3))))
            .ToArray();
        TallyInput Input() => new(meeting, reps, [.. entries], previous, previous, [], [], [.. followUps], today);
        var last = TallyBuilder.Build(Input());

        for (var save = 0; save < 30; save++)
        {
            // One rep's list saved again: new zones and types, some new customers; and a follow-up moved or opened.
            var rep = random.Next(30);
            for (var i = rep * 10; i < (rep * 10) + 10; i++)
            {
                entries[i] = Entry(rep, random.Next(3) == 0 ? random.Next(1, 400) : entries[i].CustomerId);
            }

            var moved = random.Next(followUps.Count);
            followUps[moved] = FollowUp(random.Next(2) == 0 ? followUps[moved].Id : nextFollowUp++);
            if (save % 5 == 4)
            {
                // The roster moves too: a rep renamed, one joins, one leaves (their list drops out of the tally).
                var renamed = random.Next(reps.Count);
                reps[renamed] = reps[renamed] with { Name = $"{Names[random.Next(Names.Length)]} {save}" };
                reps.Add(new TallyRep($"r{30 + save}", Names[random.Next(Names.Length)]));
                reps.RemoveAt(random.Next(reps.Count));
            }

            var next = TallyBuilder.Build(Input(), last);
            var scratch = TallyBuilder.Build(Input());

            Assert.Equal(Json(scratch), Json(next));
            last = next;
        }
    }

    private static string Json(TallySnapshot snapshot) => JsonSerializer.Serialize(snapshot);
}
