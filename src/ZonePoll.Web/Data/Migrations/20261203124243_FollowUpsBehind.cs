using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpsBehind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FollowUpsBehind",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FollowUpsBehind",
                table: "Meetings");
        }
    }
}
