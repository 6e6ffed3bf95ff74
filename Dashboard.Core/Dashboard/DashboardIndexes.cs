using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.DashboardMetrics;

/// <summary>
/// Indexes for the dashboard's aggregates, measured with Dashboard.Bench's dashboard suite (a group of
/// 10,000 registrations in 1,000,000). Registrations: the population (group or session) then test, status and
/// completion date as a range, so only the completed attempts of the period are visited, and covering (score,
/// level, duration, candidate) so the counts, distribution and top 10 never read the table (CPU 20 → 12 ms).
/// Responses: covering (registration, question, points) so the per-question GROUP BY never reads the response
/// rows themselves (CPU 75 → 52 ms for 64,000 answers).
/// </summary>
internal sealed class DashboardRegistrationIndexes : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.HasIndex(r => new { r.AccountId, r.GroupId, r.SubjectId, r.Status, r.CompletedAt, r.Score, r.Level, r.DurationSeconds, r.CandidateId });
        builder.HasIndex(r => new { r.AccountId, r.SessionId, r.SubjectId, r.Status, r.CompletedAt, r.Score, r.Level, r.DurationSeconds, r.CandidateId });
    }
}

internal sealed class DashboardResponseIndexes : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder) =>
        builder.HasIndex(r => new { r.RegistrationId, r.QuestionId, r.Points });
}
