using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZonePoll.Web.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class SeededPromptsShowTheirData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The seeded prompts of meetings made before PromptData come with the data they ask about, as new meetings' do.
            // A migration of its own: PromptData's check constraint rebuilds the table on SQLite, after any SQL beside it.
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'KeyAccounts' WHERE \"Text\" = 'What could each of us do this month to WOW a customer, so that they move up into Service Surprises?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'Recovery' WHERE \"Text\" = 'How well, and how fast, did we respond to the customers who are now in Service Recovery?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'KeyAccounts' WHERE \"Text\" = 'Which key, growth and new accounts are not yet in Service Surprises, and what would surprise them?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'Pinched' WHERE \"Text\" = 'Who felt a \"pinch\" this month, a small dissatisfaction they never voiced? How do we clarify it, fix it and follow up?';");
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'ThreeRs' WHERE \"Text\" = 'Responsiveness, respect, reliability: where did we fall short on one of the three, and what changes now?';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"MeetingPrompts\" SET \"Show\" = 'Tally';");
        }
    }
}
