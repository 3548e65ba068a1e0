using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RepResultsTimeZoneInviter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InvitedById",
                table: "Teams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HandoutForReps",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Teams_InvitedById",
                table: "Teams",
                column: "InvitedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Teams_AspNetUsers_InvitedById",
                table: "Teams",
                column: "InvitedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Teams_AspNetUsers_InvitedById",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_Teams_InvitedById",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "InvitedById",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "HandoutForReps",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "AspNetUsers");
        }
    }
}
