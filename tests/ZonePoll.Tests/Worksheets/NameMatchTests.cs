using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class NameMatchTests
{
    private static KnownName Known(string name) => new(name, Customer.Normalize(name));

    private static string? Suggest(string typed, params string[] known) => NameMatch.Suggest(Customer.Normalize(typed), known.Select(Known))?.Name;

    [Theory]
    [InlineData("Contoso Limited", "Contoso Ltd")]
    [InlineData("Acme Corp", "Acme Corp.")]
    [InlineData("Acme Corporation", "Acme Corp.")]
    [InlineData("Contoso", "Contoso Ltd")]
    [InlineData("Contso Ltd", "Contoso Ltd")]
    [InlineData("Greenleaf Gardenz", "Greenleaf Gardens")]
    [InlineData("Northwind Tradres", "Northwind Traders")]
    [InlineData("Smith and Sons", "Smith & Sons")]
    [InlineData("Oakridge-Dental", "Oakridge Dental")]
    [InlineData("Contoso Limted", "Contoso Ltd")]
    [InlineData("Acme C0mpany", "Acme Company")]
    [InlineData("Contoso Limitted", "Contoso Limited")]
    [InlineData("Acme Incorporatd", "Acme Inc")]
    [InlineData("Harbor Compny", "Harbor Co")]
    public void ANameThatDiffersByPunctuationLegalFormOrATypoIsNearAKnownOne(string typed, string known) =>
        Assert.Equal(known, Suggest(typed, "Fabrikam", known, "Zeta Industries"));

    [Theory]
    [InlineData("Store 12", "Store 13")]
    [InlineData("Customer 1", "Customer 2")]
    [InlineData("Acme", "Apex")]
    [InlineData("Beta", "Zeta")]
    [InlineData("Oakridge Dental", "Greenleaf Dental")]
    [InlineData("Contoso Ltd", "Fabrikam Ltd")]
    [InlineData("Bench Rep 0001 customer 3", "Bench Rep 0002 customer 3")]
    [InlineData("Limits Ltd", "Contoso Ltd")]
    [InlineData("Acme Limits", "Acme Ltd")]
    public void DifferentCustomersAreNotNear(string typed, string known) => Assert.Null(Suggest(typed, known));

    [Fact]
    public void TheSameNameIsNotASuggestion() => Assert.Null(Suggest("ACME corp.", "Acme Corp."));

    [Fact]
    public void TheClosestKnownNameIsSuggestedAndTiesGoByName()
    {
        Assert.Equal("Contoso Ltd", Suggest("Contoso Limited", "Contosa Ltd", "Contoso Ltd"));
        Assert.Equal("Northwind Traders A", Suggest("Northwind Traders C", "Northwind Traders B", "Northwind Traders A"));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("same", "same", 0)]
    [InlineData("", "abc", 3)]
    public void LevenshteinCountsEditsUpToTheLimit(string a, string b, int distance)
    {
        Assert.Equal(distance, NameMatch.Levenshtein(a, b, 5));
        Assert.Equal(Math.Min(distance, 2), NameMatch.Levenshtein(a, b, 1));
    }

    [Fact]
    public void TheIndexSuggestsWhatReadingEveryKnownNameWouldAndNoNearNameFallsOutsideTheGroupsItReads()
    {
        var random = new Random(21);
        string[] words = ["contoso", "fabrikam", "northwind", "tailspin", "harbor", "oakridge", "acme", "greenleaf", "store", "zeta"];
        string[] tails = ["", " ltd", " limited", " inc", " corp.", " & sons", " 12", " 13", " 2024", " co"];

        // Names, and slips of them: a letter dropped, doubled or changed, a legal form swapped, a number changed.
        string NameOf()
        {
            var second = random.Next(3) == 0 ? " " + words[random.Next(words.Length)] : "";
            var name = words[random.Next(words.Length)] + second + tails[random.Next(tails.Length)];
            var at = random.Next(name.Length);
            return random.Next(4) switch
            {
                0 => name.Remove(at, 1),
                1 => name.Insert(at, name[at].ToString()),
                2 => name[..at] + "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)] + name[(at + 1)..],
                _ => name,
            };
        }

        var known = Enumerable.Range(0, 400).Select(_ => Known(NameOf())).DistinctBy(k => k.NormalizedName).Select(k => new NameMatch.Candidate(k)).ToList();
        var typed = Enumerable.Range(0, 300).Select(_ => Customer.Normalize(NameOf())).ToList();
        var index = NameIndex.Empty.Add(known);

        var suggested = NameMatch.Suggest(typed, index);

        var (near, twoApart) = (0, 0);
        for (var i = 0; i < typed.Count; i++)
        {
            var distances = Near(typed[i], known);
            var reached = index.Reaching(NameMatch.Shape.Of(typed[i])).ToHashSet();
            Assert.All(distances, c => Assert.Contains(c.Candidate, reached));
            twoApart += distances.Count(c => Math.Abs(c.Candidate.Shape.Core.Length - NameMatch.Shape.Of(typed[i]).Core.Length) == NameMatch.MostEdits);
            var expected = ByScan(typed[i], known);
            Assert.Equal(expected, suggested[i]);
            near += expected is null ? 0 : 1;
        }

        // Enough of both to mean something, and near names as far apart in length as the groups read reach.
        Assert.InRange(near, 50, typed.Count - 50);
        Assert.True(twoApart > 0, "no near pair two letters apart");
    }

    /// <summary>What "Did you mean" means, read off every known name: the nearest, then the first by name.</summary>
    internal static KnownName? ByScan(string typed, IEnumerable<NameMatch.Candidate> known) =>
        Near(typed, known)
            .OrderBy(c => c.Distance).ThenBy(c => c.Candidate.Name.Name, StringComparer.Ordinal)
            .Select(c => c.Candidate.Name)
            .FirstOrDefault();

    private static List<(NameMatch.Candidate Candidate, int Distance)> Near(string typed, IEnumerable<NameMatch.Candidate> known) =>
        [.. known
            .Where(c => c.Name.NormalizedName != typed)
            .Select(c => (Candidate: c, Distance: NameMatch.Distance(NameMatch.Shape.Of(typed), c.Shape)))
            .Where(c => c.Distance != int.MaxValue)];
}
