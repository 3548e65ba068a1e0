using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Worksheets;

public class CustomerNormalizeTests
{
    [Theory]
    [InlineData("  Müller   GmbH ", "muller gmbh")]
    [InlineData("MULLER GMBH", "muller gmbh")]
    [InlineData("Zoë's\tBakery", "zoe's bakery")]
    [InlineData("Crème Brûlée Café", "creme brulee cafe")]
    [InlineData("日本商事", "日本商事")]
    [InlineData("Acme\u00A0Corp", "acme corp")]
    public void NormalizeTrimsFoldsCaseRemovesAccentsAndCollapsesWhitespace(string typed, string expected) =>
        Assert.Equal(expected, Customer.Normalize(typed));

    [Fact]
    public void NamesThatDifferOnlyInAccentsCaseAndSpacingMatch() =>
        Assert.Equal(Customer.Normalize("Zoë  Bakery"), Customer.Normalize(" zoe bakery"));

    [Fact]
    public void DifferentNamesStayDifferent() =>
        Assert.NotEqual(Customer.Normalize("Acme Corp"), Customer.Normalize("Acme Corporation"));
}
