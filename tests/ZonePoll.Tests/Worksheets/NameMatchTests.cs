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
}
