using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.TimeZoneId).HasMaxLength(64);
    }
}

internal sealed class CreditPackConfiguration : IEntityTypeConfiguration<CreditPack>
{
    public void Configure(EntityTypeBuilder<CreditPack> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        builder.HasIndex(p => new { p.AccountId, p.TestType, p.ExpiresOn });
    }
}

internal sealed class AdministratorConfiguration : IEntityTypeConfiguration<Administrator>
{
    public void Configure(EntityTypeBuilder<Administrator> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Language).HasMaxLength(8);
        builder.HasIndex(a => a.AccountId);
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId);
        builder.HasOne(g => g.ParentGroup).WithMany().HasForeignKey(g => g.ParentGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.HasIndex(g => new { g.AccountId, g.Name });
    }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId);
        builder.HasOne(c => c.Group).WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(8);
        builder.HasIndex(c => new { c.AccountId, c.GroupId });
    }
}

internal sealed class TestSessionConfiguration : IEntityTypeConfiguration<TestSession>
{
    public void Configure(EntityTypeBuilder<TestSession> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.AccountId);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasMany(s => s.Skills).WithOne().HasForeignKey(k => k.SubjectId);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SubjectId);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.HasOne(q => q.Skill).WithMany().HasForeignKey(q => q.SkillId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(q => q.ManuallyGraded);
        builder.HasIndex(q => new { q.SubjectId, q.Order });
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
        builder.HasOne(r => r.Candidate).WithMany().HasForeignKey(r => r.CandidateId);
        builder.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Session).WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.Grader).WithMany().HasForeignKey(r => r.GraderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CreditPack>().WithMany().HasForeignKey(r => r.CreditPackId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Responses).WithOne().HasForeignKey(x => x.RegistrationId);
        builder.HasMany(r => r.Incidents).WithOne().HasForeignKey(x => x.RegistrationId);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.SortName).HasMaxLength(220);
        builder.Property(r => r.ExternalId).HasMaxLength(100);
        builder.Property(r => r.CertificateNumber).HasMaxLength(40);
        builder.Property(r => r.CertificateVerificationCode).HasMaxLength(40);
        builder.HasIndex(r => r.CertificateNumber).IsUnique();
        // Grid indexes, tuned with Dashboard.Bench (results suite). Each sort key has (AccountId, key, Id) so
        // a page is a walk along one index; GroupId, Status and TestType ride along so the usual filters are
        // checked inside the index and skipped rows (deep pages) never touch the table.
        builder.HasIndex(r => new { r.AccountId, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.SortName, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.Score, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.StartedAt, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.CompletedAt, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.Status, r.Id, r.GroupId, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.GroupId, r.Id, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.SubjectId, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.SessionId, r.Id, r.GroupId, r.Status, r.TestType });
        builder.HasIndex(r => new { r.AccountId, r.GraderId, r.Status });
        builder.HasIndex(r => r.CandidateId);
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.HasOne(r => r.Question).WithMany().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.RegistrationId, r.Order });
    }
}

internal sealed class ProctoringIncidentConfiguration : IEntityTypeConfiguration<ProctoringIncident>
{
    public void Configure(EntityTypeBuilder<ProctoringIncident> builder)
    {
        builder.Property(i => i.Detail).HasMaxLength(1000);
        builder.HasIndex(i => i.RegistrationId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.HasIndex(a => new { a.AccountId, a.At });
        builder.HasIndex(a => new { a.AccountId, a.RegistrationId });
    }
}
