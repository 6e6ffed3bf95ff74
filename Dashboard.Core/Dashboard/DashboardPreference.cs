using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.DashboardMetrics;

/// <summary>The dashboard selection an administrator last applied, restored when they come back.</summary>
public sealed class DashboardPreference : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int AdministratorId { get; set; }
    public bool BySession { get; set; }
    public int? GroupId { get; set; }
    public int? SubGroupId { get; set; }
    public int? SessionId { get; set; }
    public int? SubjectId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

internal sealed class DashboardPreferenceConfiguration : IEntityTypeConfiguration<DashboardPreference>
{
    public void Configure(EntityTypeBuilder<DashboardPreference> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        builder.HasIndex(p => new { p.AccountId, p.AdministratorId }).IsUnique();
    }
}
