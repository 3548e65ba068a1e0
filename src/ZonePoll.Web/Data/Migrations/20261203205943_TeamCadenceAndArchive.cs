using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamCadenceAndArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "Teams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cadence",
                table: "Teams",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Monthly");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Teams_Cadence",
                table: "Teams",
                sql: "\"Cadence\" IN ('Weekly', 'Fortnightly', 'Monthly')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Teams_Cadence",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "Cadence",
                table: "Teams");
        }
    }
}
