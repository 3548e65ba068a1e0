using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PinchAndThreeRs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Causes",
                table: "Entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Pinched",
                table: "Entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Entries_Causes",
                table: "Entries",
                sql: "\"Causes\" BETWEEN 0 AND 7 AND (\"Causes\" = 0 OR \"Zone\" <> 'Surprises')");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Entries_Pinched",
                table: "Entries",
                sql: "NOT \"Pinched\" OR \"Zone\" = 'Expectations'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Entries_Causes",
                table: "Entries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Entries_Pinched",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "Causes",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "Pinched",
                table: "Entries");
        }
    }
}
