using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class PromptData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Show",
                table: "MeetingPrompts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Tally");

            migrationBuilder.AddCheckConstraint(
                name: "CK_MeetingPrompts_Show",
                table: "MeetingPrompts",
                sql: "\"Show\" IN ('Tally', 'Recovery', 'Pinched', 'ThreeRs', 'KeyAccounts', 'Movers', 'Lost')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_MeetingPrompts_Show",
                table: "MeetingPrompts");

            migrationBuilder.DropColumn(
                name: "Show",
                table: "MeetingPrompts");
        }
    }
}
