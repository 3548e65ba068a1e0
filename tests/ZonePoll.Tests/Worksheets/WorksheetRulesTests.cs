using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class WorksheetRulesTests
{
    private static WorksheetRow Row(string? name, Zone? zone = Zone.Expectations, string? note = null, AccountType type = AccountType.Standard) =>
        new() { Name = name, Zone = zone, Note = note, AccountType = type };

    [Fact]
    public void BlankRowsAreIgnoredAndPositionsKeepTheRowTheyWereTypedIn()
    {
        var check = WorksheetRules.Check([Row("Acme"), Row(""), Row(null, zone: null), Row("  Beta  ", Zone.Surprises)]);

        Assert.True(check.IsValid);
        Assert.Collection(check.Entries,
            e => Assert.Equal((0, "Acme"), (e.Position, e.Name)),
            e => Assert.Equal((3, "Beta", Zone.Surprises), (e.Position, e.Name, e.Zone)));
    }

    [Fact]
    public void ARowWithOnlyAZoneChosenCountsAsBlank()
    {
        var check = WorksheetRules.Check([Row("", Zone.Recovery)]);

        Assert.True(check.IsValid);
        Assert.Empty(check.Entries);
    }

    [Fact]
    public void ANamedRowNeedsAZone()
    {
        var check = WorksheetRules.Check([Row("Acme", zone: null)]);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Rows[0].Zone", error.Field);
        Assert.Contains("Acme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANoteWithoutANameIsAnError()
    {
        var check = WorksheetRules.Check([Row("", note: "call back")]);

        Assert.Equal("Rows[0].Name", Assert.Single(check.Errors).Field);
    }

    [Fact]
    public void NamesLongerThanOneHundredCharactersAreRefused()
    {
        Assert.True(WorksheetRules.Check([Row(new string('a', 100))]).IsValid);
        Assert.Equal("Rows[0].Name", Assert.Single(WorksheetRules.Check([Row(new string('a', 101))]).Errors).Field);
    }

    [Theory]
    [InlineData("Acme\u0000Corp")]
    [InlineData("Acme\tCorp")]
    [InlineData("Acme\u001BCorp")]
    public void NamesWithControlCharactersAreRefused(string name) =>
        Assert.Equal("Rows[0].Name", Assert.Single(WorksheetRules.Check([Row(name)]).Errors).Field);

    [Fact]
    public void NotesUpToFiveHundredCharactersCountingLineBreaksOnceAreAccepted()
    {
        var note = new string('n', 249) + "\r\n" + new string('n', 250);

        var check = WorksheetRules.Check([Row("Acme", note: note)]);

        Assert.True(check.IsValid);
        Assert.Equal(500, check.Entries[0].Note!.Length);
        Assert.Equal("Rows[0].Note", Assert.Single(WorksheetRules.Check([Row("Acme", note: new string('n', 501))]).Errors).Field);
    }

    [Fact]
    public void TheSameCustomerTwiceIsAnErrorAtTheSecondRow()
    {
        var check = WorksheetRules.Check([Row("Müller GmbH"), Row("Acme"), Row("  muller   GMBH ")]);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Rows[2].Name", error.Field);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTenRowsIsAFormError()
    {
        var rows = Enumerable.Range(0, 11).Select(i => Row($"Customer {i}")).ToList();

        var check = WorksheetRules.Check(rows);

        Assert.False(check.IsValid);
        Assert.NotNull(check.FormError);
        Assert.All(check.Entries, e => Assert.InRange(e.Position, 0, 9));
    }

    [Fact]
    public void UndefinedZoneOrAccountTypeValuesAreRefused()
    {
        var check = WorksheetRules.Check([Row("Acme", (Zone)7), Row("Beta", type: (AccountType)9)]);

        Assert.Equal(["Rows[0].Zone", "Rows[1].AccountType"], check.Errors.Select(e => e.Field));
    }
}
