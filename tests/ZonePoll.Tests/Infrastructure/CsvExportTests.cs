using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Infrastructure;

public class CsvExportTests
{
    [Theory]
    [InlineData("Acme", "Acme")]
    [InlineData("Acme, Inc.", "\"Acme, Inc.\"")]
    [InlineData("The \"Best\" Co", "\"The \"\"Best\"\" Co\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1 555", "\"'+1 555\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tTabbed", "\"'\tTabbed\"")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("", "")]
    [InlineData("Zoë 日本商事", "Zoë 日本商事")]
    public void CellsAreQuotedWhenNeededAndFormulasAreDefusedWithAnApostropheInsideQuotes(string value, string expected)
    {
        var cell = CsvExport.Cell(value);

        Assert.Equal(expected, cell);
        var defused = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal);
        var readBack = Assert.Single(CsvRows.Parse(System.Text.Encoding.UTF8.GetBytes("first," + cell + "\r\n")));
        Assert.Equal(["first", defused ? "'" + value : value], readBack);
    }
}
