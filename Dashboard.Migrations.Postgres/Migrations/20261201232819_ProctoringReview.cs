using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProctoringCaptures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    CaptureId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TakenAt = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Suspicious = table.Column<bool>(type: "boolean", nullable: false),
                    SuspicionReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C")
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
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    ReviewerComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    ExplanationRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    ExplanationRequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    ExplanationRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    CandidateExplanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    ExplanationReceivedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C")
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
