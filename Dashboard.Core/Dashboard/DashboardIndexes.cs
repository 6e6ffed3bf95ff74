using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.DashboardMetrics;

/// <summary>
/// Indexes for the dashboard's aggregates, measured with Dashboard.Bench's dashboard suite (a group of
/// 10,000 registrations in 1,000,000). Registrations: the population (group or session) then test, status and
/// completion date as a range, so only the completed attempts of the period are visited. Responses: covering
/// (registration, question, points) so the per-question GROUP BY never reads the response rows themselves.
/// </summary>
internal sealed class DashboardRegistrationIndexes : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.HasIndex(r => new { r.AccountId, r.GroupId, r.SubjectId, r.Status, r.CompletedAt });
        builder.HasIndex(r => new { r.AccountId, r.SessionId, r.SubjectId, r.Status, r.CompletedAt });
    }
}

internal sealed class DashboardResponseIndexes : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder) =>
        builder.HasIndex(r => new { r.RegistrationId, r.QuestionId, r.Points });
}
