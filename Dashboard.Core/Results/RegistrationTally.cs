using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Results;

/// <summary>
/// How many registrations share an account, group, subject, status and test type. Kept in step by
/// triggers (<see cref="RegistrationTallies"/>): the grid's total for the common filters is a sum over
/// a few hundred rows instead of a count over up to a million.
/// </summary>
public sealed class RegistrationTally : IAccountOwned
{
    public int AccountId { get; set; }
    public int GroupId { get; set; }
    public int SubjectId { get; set; }
    public RegistrationStatus Status { get; set; }
    public TestType TestType { get; set; }
    public int Count { get; set; }
}

internal sealed class RegistrationTallyConfiguration : IEntityTypeConfiguration<RegistrationTally>
{
    public void Configure(EntityTypeBuilder<RegistrationTally> builder)
    {
        builder.ToTable(RegistrationTallies.Table);
        builder.HasKey(t => new { t.AccountId, t.GroupId, t.SubjectId, t.Status, t.TestType });
    }
}
