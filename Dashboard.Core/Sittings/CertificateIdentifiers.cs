using Dashboard.Core.Domain;

namespace Dashboard.Core.Sittings;

/// <summary>Numbers a validated certification: a readable number unique by construction and a random code to verify it.</summary>
public static class CertificateIdentifiers
{
    /// <summary>Sets the certificate number and verification code if the registration has none yet.</summary>
    public static void Issue(Registration registration, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.CertificateValidated = true;
        registration.CertificateNumber ??= Documents.CertificateNumbers.Number(at, registration.Id);
        registration.CertificateVerificationCode ??= Documents.CertificateNumbers.NewVerificationCode();
    }
}
