using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProctoringGridIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Proctoring_ById",
                table: "Registrations",
                columns: new[] { "Id", "AccountId", "ProctoringStatus", "ProctoringProfile", "StartedAt", "IncidentCount" },
                filter: "\"ProctoringProfile\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_Proctoring_ById",
                table: "Registrations");
        }
    }
}
