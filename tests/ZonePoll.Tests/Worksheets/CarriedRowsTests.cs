using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class CarriedRowsTests
{
    private static readonly PreviousWorksheet Previous = new(1, "November", new DateOnly(2026, 11, 19),
    [
        new(7, "Greenleaf", "greenleaf", Zone.Recovery, AccountType.Key, "Felt ignored after price change", false, ThreeRs.Respect | ThreeRs.Reliability),
        new(8, "Acme", "acme", Zone.Expectations, AccountType.Standard, null, true, ThreeRs.None),
    ]);

    private static WorksheetRow Carried(CarriedEntry entry, string? name = null)
    {
        var row = WorksheetRow.From(name ?? entry.Name, entry.Zone, entry.AccountType, entry.Note, entry.Pinched, entry.Causes);
        row.Carried = entry.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return row;
    }

    [Fact]
    public void ANameTypedOverACarriedCustomerStartsBlankAndTheRowSaysWhy()
    {
        var row = Carried(Previous.Entries[0], "Oakridge Dental");

        var note = Assert.Single(CarriedRows.ForgetReplaced([row], Previous));

        Assert.Equal(("Oakridge Dental", null, null, null), (row.Name, row.Zone, row.Note, row.Pinch));
        Assert.Empty(row.Causes);
        Assert.Equal("Rows[0].Name", note.Key);
        Assert.Contains("Greenleaf", note.Message, StringComparison.Ordinal);
        Assert.Null(row.Carried);

        // The new customer has no zone yet: the rules ask for one rather than saving Greenleaf's.
        Assert.Equal("Rows[0].Zone", Assert.Single(WorksheetRules.Check([row]).Errors).Key);
    }

    [Fact]
    public void WhatTheRepChangedOnAReplacedRowIsKept()
    {
        var row = Carried(Previous.Entries[0], "Oakridge Dental");
        (row.Zone, row.Note, row.Causes) = ("Surprises", "New this month", ["Respect"]);

        CarriedRows.ForgetReplaced([row], Previous);

        Assert.Equal(("Surprises", "New this month"), (row.Zone, row.Note));
        Assert.Equal(["Respect"], row.Causes);
    }

    [Fact]
    public void ACarriedCustomerStillNamedKeepsEverythingEvenSpelledDifferently()
    {
        var row = Carried(Previous.Entries[1], "  ACME ");

        Assert.Empty(CarriedRows.ForgetReplaced([row], Previous));

        Assert.Equal(("Expectations", "true"), (row.Zone, row.Pinch));
    }

    [Fact]
    public void AClearedNameClearsWhatItInheritedSoTheRowIsBlank()
    {
        var row = Carried(Previous.Entries[0], "");

        Assert.Empty(CarriedRows.ForgetReplaced([row], Previous));

        Assert.True(WorksheetRules.Check([row]).IsValid);
        Assert.Empty(WorksheetRules.Check([row]).Entries);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-7")]
    [InlineData("7.0")]
    [InlineData("")]
    [InlineData(null)]
    public void ACarriedIdNotOnThePreviousListChangesNothing(string? carried)
    {
        var row = WorksheetRow.From("Oakridge Dental", Zone.Recovery, AccountType.Key, "note", false, ThreeRs.Respect);
        row.Carried = carried;

        Assert.Empty(CarriedRows.ForgetReplaced([row], Previous));
        Assert.Empty(CarriedRows.ForgetReplaced([row], null));

        Assert.Equal(("Recovery", "note"), (row.Zone, row.Note));
    }

    [Fact]
    public void ACustomerOnARowWithAnErrorIsNeverAskedAboutAsGone()
    {
        var rows = new List<WorksheetRow> { Carried(Previous.Entries[0]), Carried(Previous.Entries[1]) };
        rows[0].Note = new string('n', 501);

        var check = WorksheetRules.Check(rows);
        var dropping = DropRules.Check(check.Names, Previous, []);

        Assert.False(check.IsValid);
        Assert.Empty(dropping.Dropped);
    }
}
