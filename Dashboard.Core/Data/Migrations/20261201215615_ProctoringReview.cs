using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProctoringReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DurationSeconds",
                table: "ProctoringIncidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProctoringCaptures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaptureId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Suspicious = table.Column<bool>(type: "INTEGER", nullable: false),
                    SuspicionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProctoringCaptures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProctoringCaptures_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProctoringCaptures_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProctoringReviews",
                columns: table => new
                {
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExplanationRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExplanationRequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExplanationRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CandidateExplanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExplanationReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProctoringReviews", x => x.RegistrationId);
                    table.ForeignKey(
                        name: "FK_ProctoringReviews_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProctoringReviews_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Proctoring_ByDate",
                table: "Registrations",
                columns: new[] { "AccountId", "StartedAt", "Id", "ProctoringStatus", "ProctoringProfile", "IncidentCount" },
                filter: "\"ProctoringProfile\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Proctoring_ByStatus",
                table: "Registrations",
                columns: new[] { "AccountId", "ProctoringStatus", "StartedAt", "Id", "ProctoringProfile", "IncidentCount" },
                filter: "\"ProctoringProfile\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_ProctoringIncidents_Kind_RegistrationId",
                table: "ProctoringIncidents",
                columns: new[] { "Kind", "RegistrationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProctoringCaptures_AccountId_CaptureId",
                table: "ProctoringCaptures",
                columns: new[] { "AccountId", "CaptureId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProctoringCaptures_RegistrationId_Kind_TakenAt_Id_Suspicious",
                table: "ProctoringCaptures",
                columns: new[] { "RegistrationId", "Kind", "TakenAt", "Id", "Suspicious" });

            migrationBuilder.CreateIndex(
                name: "IX_ProctoringReviews_AccountId",
                table: "ProctoringReviews",
                column: "AccountId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProctoringCaptures");

            migrationBuilder.DropTable(
                name: "ProctoringReviews");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_Proctoring_ByDate",
                table: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_Proctoring_ByStatus",
                table: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_ProctoringIncidents_Kind_RegistrationId",
                table: "ProctoringIncidents");

            migrationBuilder.DropColumn(
                name: "DurationSeconds",
                table: "ProctoringIncidents");
        }
    }
}
