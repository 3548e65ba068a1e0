using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class WorksheetRulesTests
{
    private static WorksheetRow Row(string? name, Zone? zone = Zone.Expectations, string? note = null, AccountType type = AccountType.Standard) =>
        new() { Name = name, Zone = zone?.ToString(), Note = note, AccountType = type.ToString() };

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
    public void ARowWithOnlyAZoneChosenCountsAsBlankAndSaysItsTicksWereCleared()
    {
        var check = WorksheetRules.Check([Row("", Zone.Recovery), Row(null, zone: null), new WorksheetRow { Name = " ", Pinch = "true" }]);

        Assert.True(check.IsValid);
        Assert.Empty(check.Entries);
        Assert.Equal([(0, "Zone"), (2, "Zone")], check.RowNotes.Select(n => (n.Row, n.Field)));
        Assert.StartsWith(
            "This row has no customer's name, so its zone and ticks were cleared", check.RowNotes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANamelessRowWithOnlyABlankThreeRsValueSaysNothing()
    {
        var check = WorksheetRules.Check([new WorksheetRow { Name = "", Causes = ["", " "] }]);

        Assert.True(check.IsValid);
        Assert.Empty(check.RowNotes);
    }

    [Fact]
    public void ALongNameCutShortInAnErrorEndsWithTheEllipsisAfterTheWordNotASpace()
    {
        var check = WorksheetRules.Check([Row("Felt ignored after the price change in spring and more", zone: null)]);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Choose a zone for Felt ignored after the price change in….", error.Message);
    }

    [Fact]
    public void ANamedRowNeedsAZone()
    {
        var check = WorksheetRules.Check([Row("Acme", zone: null)]);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Rows[0].Zone", error.Key);
        Assert.Contains("Acme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANoteWithoutANameIsAnError()
    {
        var check = WorksheetRules.Check([Row("", note: "call back")]);

        Assert.Equal("Rows[0].Name", Assert.Single(check.Errors).Key);
    }

    [Fact]
    public void NamesLongerThanOneHundredCharactersAreRefused()
    {
        Assert.True(WorksheetRules.Check([Row(new string('a', 100))]).IsValid);
        Assert.Equal("Rows[0].Name", Assert.Single(WorksheetRules.Check([Row(new string('a', 101))]).Errors).Key);
    }

    [Theory]
    [InlineData("Acme\u0000Corp")]
    [InlineData("Acme\tCorp")]
    [InlineData("Acme\u001BCorp")]
    public void NamesWithControlCharactersAreRefused(string name) =>
        Assert.Equal("Rows[0].Name", Assert.Single(WorksheetRules.Check([Row(name)]).Errors).Key);

    [Fact]
    public void NotesUpToFiveHundredCharactersCountingLineBreaksOnceAreAccepted()
    {
        var note = new string('n', 249) + "\r\n" + new string('n', 250);

        var check = WorksheetRules.Check([Row("Acme", note: note)]);

        Assert.True(check.IsValid);
        Assert.Equal(500, check.Entries[0].Note!.Length);
        Assert.Equal("Rows[0].Note", Assert.Single(WorksheetRules.Check([Row("Acme", note: new string('n', 501))]).Errors).Key);
    }

    [Fact]
    public void TheSameCustomerTwiceIsAnErrorAtTheSecondRow()
    {
        var check = WorksheetRules.Check([Row("Müller GmbH"), Row("Acme"), Row("  muller   GMBH ")]);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Rows[2].Name", error.Key);
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
    public void ZoneAndAccountTypeCountOnlyAsTheirExactNames()
    {
        var check = WorksheetRules.Check([
            new WorksheetRow { Name = "Acme", Zone = "2" },
            new WorksheetRow { Name = "Beta", Zone = "Surprises", AccountType = "9" },
            new WorksheetRow { Name = "Gamma", Zone = "Recovery, Surprises" },
            new WorksheetRow { Name = "Delta", Zone = "Surprises", AccountType = "" },
        ]);

        Assert.Equal([(0, "Zone"), (1, "AccountType"), (2, "Zone")], check.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal(AccountType.Standard, Assert.Single(check.Entries).AccountType);
    }

    [Fact]
    public void AMissingRowInThePostedListCountsAsBlank()
    {
        var check = WorksheetRules.Check([Row("Acme"), null, Row("Beta")]);

        Assert.True(check.IsValid);
        Assert.Equal([0, 2], check.Entries.Select(e => e.Position));
    }

    [Theory]
    [InlineData("\u0301\u0308")]
    [InlineData("\u200B\u200D")]
    [InlineData(" \u00A0\u20DD ")]
    public void ANameOfOnlyInvisibleMarksIsBlank(string name)
    {
        Assert.Empty(WorksheetRules.Check([Row(name, Zone.Recovery)]).Entries);
        Assert.Equal("Rows[0].Name", Assert.Single(WorksheetRules.Check([Row(name, note: "call back")]).Errors).Key);
    }

    [Fact]
    public void ErrorsNameTheirRowAndFieldSoThePageNeedNotParseKeys()
    {
        var check = WorksheetRules.Check([Row("Acme"), Row("Beta", zone: null), Row("", note: "orphan")]);

        Assert.Equal([1, 2], check.RowsWithErrors);
        Assert.True(check.HasError(1, "Zone"));
        Assert.False(check.HasError(1, "Name"));
    }

    [Fact]
    public void ACustomerInExpectationsCanBeFeelingAPinchAndCiteTheThreeRs()
    {
        var row = Row("Acme");
        row.Pinch = "true";
        row.Causes = ["Respect", "Reliability"];

        var check = WorksheetRules.Check([row, Row("Beta", Zone.Recovery)]);

        Assert.True(check.IsValid);
        Assert.Equal((true, ThreeRs.Respect | ThreeRs.Reliability), (check.Entries[0].Pinched, check.Entries[0].Causes));
        Assert.Equal((false, ThreeRs.None), (check.Entries[1].Pinched, check.Entries[1].Causes));
    }

    [Theory]
    [InlineData(Zone.Recovery)]
    [InlineData(Zone.Surprises)]
    public void APinchOutsideExpectationsIsDroppedWithANoteAndTheMoveIsSaved(Zone zone)
    {
        var row = Row("Acme", zone);
        row.Pinch = "true";
        row.Causes = zone == Zone.Recovery ? ["Respect"] : [];

        var check = WorksheetRules.Check([row]);

        Assert.True(check.IsValid);
        var entry = Assert.Single(check.Entries);
        Assert.Equal((zone, false), (entry.Zone, entry.Pinched));
        Assert.Equal(zone == Zone.Recovery ? ThreeRs.Respect : ThreeRs.None, entry.Causes);
        var note = Assert.Single(check.RowNotes, n => n.Field == "Pinch");
        Assert.Equal("Rows[0].Pinch", note.Key);
        Assert.Contains("Service Expectations", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForgedPinchValueIsRefusedAtItsRow()
    {
        var row = Row("Acme");
        row.Pinch = "yes please";

        Assert.Equal("Rows[0].Pinch", Assert.Single(WorksheetRules.Check([row]).Errors).Key);
    }

    [Theory]
    [InlineData("Punctuality")]
    [InlineData("None")]
    [InlineData("1")]
    [InlineData("Respect, Reliability")]
    public void AnUnknownThreeRIsRefusedAtItsRow(string cause)
    {
        var row = Row("Acme", Zone.Recovery);
        row.Causes = ["Respect", cause];

        var error = Assert.Single(WorksheetRules.Check([row]).Errors);
        Assert.Equal("Rows[0].Causes", error.Key);
    }

    [Fact]
    public void TheThreeRsOfACustomerMovedToSurprisesAreDroppedWithANoteAndTheMoveIsSaved()
    {
        var row = Row("Acme", Zone.Surprises);
        row.Causes = ["Responsiveness", "Reliability"];

        var check = WorksheetRules.Check([row]);

        Assert.True(check.IsValid);
        Assert.Equal((Zone.Surprises, ThreeRs.None), (check.Entries[0].Zone, check.Entries[0].Causes));
        var note = Assert.Single(check.RowNotes);
        Assert.Equal("Rows[0].Causes", note.Key);
        Assert.StartsWith("Responsiveness and Reliability were cleared", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownThreeRIsStillRefusedInSurprises()
    {
        var row = Row("Acme", Zone.Surprises);
        row.Causes = ["Punctuality"];

        Assert.Equal("Rows[0].Causes", Assert.Single(WorksheetRules.Check([row]).Errors).Key);
        Assert.Empty(WorksheetRules.Check([row]).RowNotes);
    }

    [Fact]
    public void TicksAreKeptWhenTheZoneIsMissing()
    {
        var row = Row("Acme", zone: null);
        row.Pinch = "true";
        row.Causes = ["Respect"];

        var check = WorksheetRules.Check([row]);

        Assert.Equal("Rows[0].Zone", Assert.Single(check.Errors).Key);
        Assert.Empty(check.RowNotes);
    }

    [Fact]
    public void ACustomerOnARowWithAnErrorIsStillOnTheList()
    {
        var check = WorksheetRules.Check([Row("Acme", zone: null), Row("Beta", note: new string('n', 501)), Row("Gamma")]);

        Assert.False(check.IsValid);
        Assert.Equal(["gamma"], check.Entries.Select(e => e.NormalizedName));
        Assert.Equal(new HashSet<string>(["acme", "beta", "gamma"]), check.Names.ToHashSet());
    }
}
