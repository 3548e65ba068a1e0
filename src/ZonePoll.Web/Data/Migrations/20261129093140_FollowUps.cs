using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedMeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClarifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClarifyNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FixedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FixNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FollowedUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Closure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DropReason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ClosedMeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.CheckConstraint("CK_FollowUps_Cause", "\"Cause\" IN ('Recovery', 'Pinch')");
                    table.CheckConstraint("CK_FollowUps_Closed", "(\"ClosedAt\" IS NULL) = (\"Closure\" IS NULL)");
                    table.CheckConstraint("CK_FollowUps_Closure", "\"Closure\" IS NULL OR \"Closure\" IN ('FollowedUp', 'LeftRecovery', 'Dropped')");
                    table.CheckConstraint("CK_FollowUps_DropReason", "(\"Closure\" = 'Dropped') = (\"DropReason\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_FollowUps_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUps_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUps_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FollowUpId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpChanges_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FollowUpChanges_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpChanges_FollowUpId_At",
                table: "FollowUpChanges",
                columns: new[] { "FollowUpId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpChanges_UserId",
                table: "FollowUpChanges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CustomerId",
                table: "FollowUps",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_OneOpenPerCustomer",
                table: "FollowUps",
                columns: new[] { "TeamId", "CustomerId" },
                unique: true,
                filter: "\"ClosedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_OwnerId_ClosedAt",
                table: "FollowUps",
                columns: new[] { "OwnerId", "ClosedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpChanges");

            migrationBuilder.DropTable(
                name: "FollowUps");
        }
    }
}
