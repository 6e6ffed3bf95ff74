using System.Data.Common;
using System.Runtime.CompilerServices;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Results;

/// <summary>
/// Every row of a filtered, sorted query as <see cref="ResultRow"/>s, read with a plain data reader over the SQL EF
/// generates for it (so the filter, the account's query filter and the order are EF's own). The export and the bulk
/// jobs stream whole filters: EF materialising the grid's projection (five joins, ~30 columns a row) cost three
/// times what writing the workbook does (docs/bench-results.md). Here the SQL reads the registration's and the
/// candidate's columns only; group, test, grader and session names come from lookups loaded once (a few hundred
/// rows), with the joins' meaning: a row whose group or test is not visible is left out, as the inner joins did.
/// </summary>
internal static class ResultRowReader
{
    private static readonly Func<long, DateTimeOffset> ToDate = new DateTimeOffsetToBinaryConverter().ConvertFromProviderTyped;

    public static async IAsyncEnumerable<ResultRow> ReadAsync(DashboardDbContext db, IQueryable<Registration> sorted, GroupTree groups,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subjects = await db.Subjects.AsNoTracking().Select(s => new { s.Id, s.Name, s.Scale })
            .ToDictionaryAsync(s => s.Id, s => (s.Name, s.Scale), cancellationToken);
        // Only the graders the account's registrations name, as the join would find them.
        var graders = await db.Users.AsNoTracking().Where(a => db.Registrations.Any(r => r.GraderId == a.Id))
            .Select(a => new { a.Id, a.DisplayName }).ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);
        var sessions = await db.TestSessions.AsNoTracking().Select(s => new { s.Id, s.Name })
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var query = sorted.Select(r => new
        {
            r.Id, r.CandidateId, r.GroupId, r.Candidate!.LastName, r.Candidate.FirstName, r.Candidate.Email,
            ExternalId = r.ExternalId ?? r.Candidate.ExternalId, r.SubjectId, r.TestType, r.Status, r.Score, r.Level,
            r.GraderId, r.SessionId, r.ProctoringProfile, r.ProctoringStatus, r.IncidentCount, r.CertificateValidated,
            r.RegisteredAt, r.StartedAt, r.CompletedAt, r.DurationSeconds, r.CertificateNumber,
            // Only Tests in progress shows it; the CASE spares the per-row count for every finished sitting.
            AnsweredCount = r.Status == RegistrationStatus.InProgress ? r.Responses.Count() : 0,
            r.AdminComment,
        });

        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var c = new Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!groups.Names.TryGetValue(reader.GetInt32(c.GroupId), out var groupName)
                || !subjects.TryGetValue(reader.GetInt32(c.SubjectId), out var subject))
            {
                continue;
            }

            int? graderId = reader.IsDBNull(c.GraderId) ? null : reader.GetInt32(c.GraderId);
            int? sessionId = reader.IsDBNull(c.SessionId) ? null : reader.GetInt32(c.SessionId);
            yield return new ResultRow
            {
                Id = reader.GetInt32(c.Id),
                CandidateId = reader.GetInt32(c.CandidateId),
                GroupId = reader.GetInt32(c.GroupId),
                GroupName = groupName,
                LastName = reader.GetString(c.LastName),
                FirstName = reader.GetString(c.FirstName),
                Email = reader.GetString(c.Email),
                ExternalId = Text(reader, c.ExternalId),
                SubjectId = reader.GetInt32(c.SubjectId),
                SubjectName = subject.Name,
                TestType = (TestType)reader.GetInt32(c.TestType),
                Scale = subject.Scale,
                Status = (RegistrationStatus)reader.GetInt32(c.Status),
                Score = reader.IsDBNull(c.Score) ? null : reader.GetDouble(c.Score),
                Level = reader.IsDBNull(c.Level) ? null : (ScoreLevel)reader.GetInt32(c.Level),
                GraderId = graderId,
                GraderName = graderId is { } g ? graders.GetValueOrDefault(g) : null,
                SessionId = sessionId,
                SessionName = sessionId is { } s ? sessions.GetValueOrDefault(s) : null,
                ProctoringProfile = (ProctoringProfile)reader.GetInt32(c.ProctoringProfile),
                ProctoringStatus = (ProctoringStatus)reader.GetInt32(c.ProctoringStatus),
                IncidentCount = reader.GetInt32(c.IncidentCount),
                CertificateValidated = reader.GetBoolean(c.CertificateValidated),
                RegisteredAt = ToDate(reader.GetInt64(c.RegisteredAt)),
                StartedAt = reader.IsDBNull(c.StartedAt) ? null : ToDate(reader.GetInt64(c.StartedAt)),
                CompletedAt = reader.IsDBNull(c.CompletedAt) ? null : ToDate(reader.GetInt64(c.CompletedAt)),
                DurationSeconds = reader.IsDBNull(c.DurationSeconds) ? null : reader.GetInt32(c.DurationSeconds),
                CertificateNumber = Text(reader, c.CertificateNumber),
                // COUNT is a bigint on PostgreSQL.
                AnsweredCount = Convert.ToInt32(reader.GetValue(c.AnsweredCount), System.Globalization.CultureInfo.InvariantCulture),
                AdminComment = Text(reader, c.AdminComment),
            };
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Columns found by name (EF names each one after the projection's member), not by position.</summary>
    private sealed class Ordinals(DbDataReader reader)
    {
        public int Id { get; } = reader.GetOrdinal("Id");
        public int CandidateId { get; } = reader.GetOrdinal("CandidateId");
        public int GroupId { get; } = reader.GetOrdinal("GroupId");
        public int LastName { get; } = reader.GetOrdinal("LastName");
        public int FirstName { get; } = reader.GetOrdinal("FirstName");
        public int Email { get; } = reader.GetOrdinal("Email");
        public int ExternalId { get; } = reader.GetOrdinal("ExternalId");
        public int SubjectId { get; } = reader.GetOrdinal("SubjectId");
        public int TestType { get; } = reader.GetOrdinal("TestType");
        public int Status { get; } = reader.GetOrdinal("Status");
        public int Score { get; } = reader.GetOrdinal("Score");
        public int Level { get; } = reader.GetOrdinal("Level");
        public int GraderId { get; } = reader.GetOrdinal("GraderId");
        public int SessionId { get; } = reader.GetOrdinal("SessionId");
        public int ProctoringProfile { get; } = reader.GetOrdinal("ProctoringProfile");
        public int ProctoringStatus { get; } = reader.GetOrdinal("ProctoringStatus");
        public int IncidentCount { get; } = reader.GetOrdinal("IncidentCount");
        public int CertificateValidated { get; } = reader.GetOrdinal("CertificateValidated");
        public int RegisteredAt { get; } = reader.GetOrdinal("RegisteredAt");
        public int StartedAt { get; } = reader.GetOrdinal("StartedAt");
        public int CompletedAt { get; } = reader.GetOrdinal("CompletedAt");
        public int DurationSeconds { get; } = reader.GetOrdinal("DurationSeconds");
        public int CertificateNumber { get; } = reader.GetOrdinal("CertificateNumber");
        public int AnsweredCount { get; } = reader.GetOrdinal("AnsweredCount");
        public int AdminComment { get; } = reader.GetOrdinal("AdminComment");
    }
}
