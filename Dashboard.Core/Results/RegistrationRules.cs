using System.Linq.Expressions;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Results;

/// <summary>Which registrations the document lists hold, as SQL-translatable predicates.</summary>
internal static class RegistrationRules
{
    /// <summary>A sitting that was taken: submitted (pending grading) or completed. One still in progress gets no attestation.</summary>
    public static readonly Expression<Func<Registration, bool>> Taken = r => r.StartedAt != null
        && (r.Status == RegistrationStatus.Completed || r.Status == RegistrationStatus.PendingGrading);

    /// <summary>ScoreCalculator.IsCertificationValidated, in SQL, plus the registration's validated flag.</summary>
    public static readonly Expression<Func<Registration, bool>> ValidatedCertificate = r => r.TestType == TestType.Certification
        && r.Status == RegistrationStatus.Completed
        && r.CertificateValidated
        && r.ProctoringStatus != ProctoringStatus.Invalid
        && r.Score != null && r.Score >= r.Subject!.CertificationThreshold;
}
