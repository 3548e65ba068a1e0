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
    [InlineData("Acme\u0000", TextKind.Line)]
    [InlineData("Acme\u0001", TextKind.Line)]
    [InlineData("Acme\tCorp", TextKind.Line)]
    [InlineData("Morgan Manager\u0007", TextKind.Name)]
    [InlineData("Acme\r\nCorp", TextKind.Multiline)]
    [InlineData("Acme\u0085Corp", TextKind.Multiline)]
    public void ControlCharactersAreRefused(string text, TextKind kind) =>
        Assert.Contains("control character", TextRules.Problem(text, kind), StringComparison.Ordinal);

    [Theory]
    [InlineData("line\nline")]
    [InlineData("col\tcol")]
    public void LineBreaksAndTabsPassInMultilineTextOnly(string text)
    {
        Assert.Null(TextRules.Problem(text, TextKind.Multiline));
        Assert.NotNull(TextRules.Problem(text, TextKind.Line));
        Assert.NotNull(TextRules.Problem(text, TextKind.Name));
    }

    [Theory]
    [InlineData("Morgan Manager\u0007\u202E")]
    [InlineData("\u202ArenagaM nagroM")]
    [InlineData("Morgan \u202Bx")]
    [InlineData("Morgan \u202Cx")]
    [InlineData("Morgan \u202Dx")]
    [InlineData("Morgan \u202Eregana M")]
    [InlineData("Morgan \u2066Manager")]
    [InlineData("Morgan \u2067Manager")]
    [InlineData("Morgan \u2068Manager\u2069")]
    public void DirectionOverridesAndIsolatesAreRefusedInNames(string text) => Assert.NotNull(TextRules.Problem(text, TextKind.Name));

    [Fact]
    public void ADirectionOverrideSaysSo() =>
        Assert.Contains("direction of the text", TextRules.Problem("Morgan Manager\u202E", TextKind.Name), StringComparison.Ordinal);

    [Theory]
    [InlineData("\u202Eright to left\u202C")]
    [InlineData("\u2067مرحبا\u2069 means hello")]
    public void DirectionControlsPassInTextThatIsNotAName(string text)
    {
        Assert.Null(TextRules.Problem(text, TextKind.Line));
        Assert.Null(TextRules.Problem(text, TextKind.Multiline));
    }

    [Theory]
    [InlineData("Morgan Manager")]
    [InlineData("شركة الأمل")]
    [InlineData("Zoë's Bakery \u200E(North)")]
    public void NamesInAnyScriptPass(string text) => Assert.Null(TextRules.Problem(text, TextKind.Name));

    [Theory]
    [InlineData("Acme\u2028Corp", TextKind.Line)]
    [InlineData("Acme\u2029Corp", TextKind.Name)]
    public void LineAndParagraphSeparatorsAreRefusedInOneLineText(string text, TextKind kind) =>
        Assert.Contains("separator", TextRules.Problem(text, kind), StringComparison.Ordinal);

    [Theory]
    [InlineData("Morgan\u200BManager")]
    [InlineData("Morgan Manager\u2060")]
    [InlineData("\uFEFFMorgan Manager")]
    [InlineData("Morgan Manager\U000E0001")]
    public void InvisibleCharactersThatNoScriptNeedsAreRefusedInNames(string text) =>
        Assert.Contains("invisible character", TextRules.Problem(text, TextKind.Name), StringComparison.Ordinal);

    [Theory]
    [InlineData("\u0645\u06CC\u200C\u062E\u0648\u0627\u0645")]
    [InlineData("Team \U0001F469\u200D\U0001F4BC")]
    [InlineData("\u05D0\u05D1\u05D2 \u200F(Tel Aviv)")]
    public void JoinersAndDirectionMarksThatScriptsNeedPassInNames(string text) => Assert.Null(TextRules.Problem(text, TextKind.Name));

    [Fact]
    public void NormalisingInvisibleFormatCharactersAwayMatchesTheVisibleName() =>
        Assert.Equal(Customer.Normalize("Acme Corp"), Customer.Normalize("Ac\u200Bme\u00A0 Corp"));
}
