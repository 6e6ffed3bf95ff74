using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Grading;

/// <summary>Re-evaluates a registration's certificate after its score changed.</summary>
public static class CertificateIssuer
{
    /// <summary>Sets <see cref="Registration.CertificateValidated"/>; a newly validated certificate gets its number and code.</summary>
    public static void Reevaluate(Registration registration, Subject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.CertificateValidated = ScoreCalculator.IsCertificationValidated(registration, subject);
        if (registration.CertificateValidated && registration.CertificateNumber is null)
        {
            registration.CertificateNumber = Documents.CertificateNumbers.Number(now, registration.Id);
            registration.CertificateVerificationCode = Documents.CertificateNumbers.NewVerificationCode();
        }
    }
}
