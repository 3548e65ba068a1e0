using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Web.Data.Configurations;

internal sealed class WorksheetConfiguration : IEntityTypeConfiguration<Worksheet>
{
    public void Configure(EntityTypeBuilder<Worksheet> builder)
    {
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.MeetingId, w.RepId }).IsUnique();
        builder.HasOne(w => w.Meeting).WithMany().HasForeignKey(w => w.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(w => w.Rep).WithMany().HasForeignKey(w => w.RepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.Entries).WithOne().HasForeignKey(e => e.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.Drops).WithOne().HasForeignKey(d => d.WorksheetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DropConfiguration : IEntityTypeConfiguration<Drop>
{
    public void Configure(EntityTypeBuilder<Drop> builder)
    {
        builder.HasIndex(d => new { d.WorksheetId, d.CustomerId }).IsUnique();
        builder.HasOne(d => d.Customer).WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Drops_Reason", "\"Reason\" IN ('LostToCompetitor', 'StoppedBuying', 'NoLongerMyAccount', 'ReplacedToKeepTen')");
            t.HasCheckConstraint("CK_Drops_LastZone", "\"LastZone\" IN ('Recovery', 'Expectations', 'Surprises')");
        });
    }
}

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.Property(e => e.CustomerName).HasMaxLength(Customer.NameMaxLength);
        builder.Property(e => e.Note).HasMaxLength(Entry.NoteMaxLength);

        // Together these make an eleventh entry impossible, whatever the application code does.
        builder.HasIndex(e => new { e.WorksheetId, e.Position }).IsUnique();
        builder.HasIndex(e => new { e.WorksheetId, e.CustomerId }).IsUnique();
        // Covers the team trend's read of every entry in a team's history: zones without touching the rows.
        builder.HasIndex(e => new { e.WorksheetId, e.CustomerId, e.Zone });
        builder.HasOne(e => e.Customer).WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Entries_Position", $"\"Position\" BETWEEN 0 AND {Worksheet.MaxEntries - 1}");
            t.HasCheckConstraint("CK_Entries_Zone", "\"Zone\" IN ('Recovery', 'Expectations', 'Surprises')");
            t.HasCheckConstraint("CK_Entries_AccountType", "\"AccountType\" IN ('Key', 'Growth', 'New', 'Standard')");
            t.HasCheckConstraint("CK_Entries_CustomerName", $"length(\"CustomerName\") BETWEEN 1 AND {Customer.NameMaxLength}");
            t.HasCheckConstraint("CK_Entries_Note", $"\"Note\" IS NULL OR length(\"Note\") <= {Entry.NoteMaxLength}");
            t.HasCheckConstraint("CK_Entries_Pinched", "NOT \"Pinched\" OR \"Zone\" = 'Expectations'");
            t.HasCheckConstraint("CK_Entries_Causes", $"\"Causes\" BETWEEN 0 AND {(int)ThreeRStyle.Any} AND (\"Causes\" = 0 OR \"Zone\" <> 'Surprises')");
        });
    }
}
