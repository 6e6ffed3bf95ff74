using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Grading;

/// <summary>Re-evaluates a registration's certificate after its score changed.</summary>
public static class CertificateIssuer
{
    // No 0/O, 1/I/L: the verification code is typed by people checking a diploma.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Sets <see cref="Registration.CertificateValidated"/>; a newly validated certificate gets its number and code.</summary>
    public static void Reevaluate(Registration registration, Subject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.CertificateValidated = ScoreCalculator.IsCertificationValidated(registration, subject);
        if (registration.CertificateValidated && registration.CertificateNumber is null)
        {
            // The registration id makes the number unique without a counter.
            registration.CertificateNumber = string.Create(CultureInfo.InvariantCulture, $"CERT-{now.Year}-{registration.Id:D7}");
            registration.CertificateVerificationCode = NewVerificationCode();
        }
    }

    public static string NewVerificationCode(int length = 10) =>
        new([.. Enumerable.Range(0, length).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)])]);
}
