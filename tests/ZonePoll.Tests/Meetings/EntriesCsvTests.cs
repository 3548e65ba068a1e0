using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Meetings;

public class EntriesCsvTests
{
    [Theory]
    [InlineData("Acme", "Acme")]
    [InlineData("Acme, Inc.", "\"Acme, Inc.\"")]
    [InlineData("The \"Best\" Co", "\"The \"\"Best\"\" Co\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("", "")]
    [InlineData("Zoë 日本商事", "Zoë 日本商事")]
    public void CellsAreQuotedWhenNeededAndFormulasAreDefused(string value, string expected) =>
        Assert.Equal(expected, EntriesCsv.Cell(value));

    [Fact]
    public void FileNamesAreBuiltFromTeamAndDate() =>
        Assert.Equal("zonepoll-sales-north-z-rich-2026-11-26-entries.csv", ExportFileName.For("Sales North / Zürich!", new DateOnly(2026, 11, 26), "entries.csv"));
}
