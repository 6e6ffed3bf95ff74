using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Proctoring;

internal sealed class ProctoringCaptureConfiguration : IEntityTypeConfiguration<ProctoringCapture>
{
    public void Configure(EntityTypeBuilder<ProctoringCapture> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId);
        builder.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId);
        builder.Property(c => c.CaptureId).HasMaxLength(CaptureRules.MaxCaptureIdLength);
        builder.Property(c => c.ContentType).HasMaxLength(20);
        builder.Property(c => c.StorageKey).HasMaxLength(200);
        builder.Property(c => c.SuspicionReason).HasMaxLength(CaptureRules.MaxReasonLength);
        // The idempotency rule: one capture per uploader id and account.
        builder.HasIndex(c => new { c.AccountId, c.CaptureId }).IsUnique();
        // The gallery: one sitting's captures in time order, suspicious-only as a prefix filter.
        builder.HasIndex(c => new { c.RegistrationId, c.Kind, c.TakenAt, c.Id, c.Suspicious });
    }
}

internal sealed class ProctoringReviewConfiguration : IEntityTypeConfiguration<ProctoringReview>
{
    public void Configure(EntityTypeBuilder<ProctoringReview> builder)
    {
        builder.HasKey(r => r.RegistrationId);
        builder.HasOne<Registration>().WithOne().HasForeignKey<ProctoringReview>(r => r.RegistrationId);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
        builder.Property(r => r.ReviewerComment).HasMaxLength(ProctoringRules.MaxCommentLength);
        builder.Property(r => r.CandidateExplanation).HasMaxLength(ProctoringRules.MaxCommentLength);
        builder.Property(r => r.ExplanationRequestedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
    }
}

/// <summary>
/// The proctoring grid's indexes (measured with Dashboard.Bench's proctoring suite): partial on proctored sittings
/// only, so 100,000 proctored rows of 1,000,000 are an index of their own; sitting date order with status and
/// profile inside the index, so a page and its count never read the table. The by-id one serves the incident filter:
/// the ids of a kind's incidents are looked up in it, not in the table's wide rows (5× less work at 100,000).
/// </summary>
internal sealed class ProctoringRegistrationIndexes : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.HasIndex(r => new { r.AccountId, r.StartedAt, r.Id, r.ProctoringStatus, r.ProctoringProfile, r.IncidentCount },
                "IX_Registrations_Proctoring_ByDate")
            .HasFilter("\"ProctoringProfile\" <> 0");
        builder.HasIndex(r => new { r.AccountId, r.ProctoringStatus, r.StartedAt, r.Id, r.ProctoringProfile, r.IncidentCount },
                "IX_Registrations_Proctoring_ByStatus")
            .HasFilter("\"ProctoringProfile\" <> 0");
        builder.HasIndex(r => new { r.Id, r.AccountId, r.ProctoringStatus, r.ProctoringProfile, r.StartedAt, r.IncidentCount },
                "IX_Registrations_Proctoring_ById")
            .HasFilter("\"ProctoringProfile\" <> 0");
    }
}

internal sealed class ProctoringIncidentIndexes : IEntityTypeConfiguration<ProctoringIncident>
{
    public void Configure(EntityTypeBuilder<ProctoringIncident> builder) =>
        builder.HasIndex(i => new { i.Kind, i.RegistrationId });
}
