using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrendCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entries_WorksheetId_CustomerId_Zone",
                table: "Entries",
                columns: new[] { "WorksheetId", "CustomerId", "Zone" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_WorksheetId_CustomerId_Zone",
                table: "Entries");
        }
    }
}
