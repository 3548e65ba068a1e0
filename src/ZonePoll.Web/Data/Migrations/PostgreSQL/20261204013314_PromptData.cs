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

            // The seeded prompts of meetings made before this come with the data they ask about, as new meetings' do.
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'KeyAccounts' WHERE \"Text\" = 'What could each of us do this month to WOW a customer, so that they move up into Service Surprises?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'Recovery' WHERE \"Text\" = 'How well, and how fast, did we respond to the customers who are now in Service Recovery?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'KeyAccounts' WHERE \"Text\" = 'Which key, growth and new accounts are not yet in Service Surprises, and what would surprise them?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'Pinched' WHERE \"Text\" = 'Who felt a \"pinch\" this month, a small dissatisfaction they never voiced? How do we clarify it, fix it and follow up?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'ThreeRs' WHERE \"Text\" = 'Responsiveness, respect, reliability: where did we fall short on one of the three, and what changes now?';");
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
