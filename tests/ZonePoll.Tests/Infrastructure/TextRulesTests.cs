using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Tests.Infrastructure;

public class TextRulesTests
{
    [Theory]
    [InlineData("Acme Corp")]
    [InlineData("Müller & Söhne GmbH")]
    [InlineData("北京贸易")]
    [InlineData("Café 😀 Emoji")]
    public void OrdinaryTextPasses(string text) => Assert.Null(TextRules.Problem(text));

    [Theory]
    [InlineData("Acme\uFFFE")]
    [InlineData("Acme\uFFFF")]
    [InlineData("\uFDD0Acme")]
    [InlineData("Acme\uD800")]
    [InlineData("\uDC00Acme")]
    [InlineData("Acme\uFFFD")]
    public void NoncharactersBrokenSurrogatesAndReplacementCharactersAreNotText(string text)
    {
        Assert.Contains("not text", TextRules.Problem(text), StringComparison.Ordinal);
        // What the rule protects: normalising would have thrown for the first five.
        Assert.Null(TextRules.Problem("Acme"));
    }

    [Fact]
    public void SupplementaryNoncharactersAreNotText() =>
        Assert.NotNull(TextRules.Problem("Acme" + char.ConvertFromUtf32(0x1FFFE)));

    [Theory]
    [InlineData("Acme\u0000", false)]
    [InlineData("Acme\u0001", false)]
    [InlineData("Acme\tCorp", false)]
    [InlineData("line\nline", true)]
    [InlineData("col\tcol", true)]
    public void ControlCharactersAreRefusedExceptLineBreaksAndTabsInMultilineText(string text, bool multiline)
    {
        var problem = TextRules.Problem(text, multiline);

        if (multiline)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains("control character", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NormalisingInvisibleFormatCharactersAwayMatchesTheVisibleName() =>
        Assert.Equal(Customer.Normalize("Acme Corp"), Customer.Normalize("Ac\u200Bme\u00A0 Corp"));
}
