using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Sittings;

/// <summary>Numbers a validated certification: a readable number unique by construction and a random code to verify it.</summary>
public static class CertificateIdentifiers
{
    // No 0/O or 1/I/L: the code is typed by whoever verifies a printed certificate.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Sets the certificate number and verification code if the registration has none yet.</summary>
    public static void Issue(Registration registration, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.CertificateValidated = true;
        registration.CertificateNumber ??= string.Create(CultureInfo.InvariantCulture, $"RD-{at.Year}-{registration.Id:D8}");
        registration.CertificateVerificationCode ??= RandomNumberGenerator.GetString(CodeAlphabet, 10);
    }
}
