using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>
/// The one place a certificate is granted. A certification that becomes validated (completed at or above the
/// subject's threshold, sitting not invalidated) gets its number and verification code here, once: the sitting
/// recorder, the grading service, the demo world and the start-up catch-up all call it. Documents only read them.
/// </summary>
public static class CertificateIssuer
{
    // Crockford's base32: no I, L, O, U — nothing to misread when typed from paper.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>
    /// Sets <see cref="Registration.CertificateValidated"/> from the rule; a validated certification without a number
    /// gets one (a number once issued is kept). <paramref name="random"/> only for the deterministic demo world.
    /// </summary>
    public static void Reevaluate(Registration registration, Subject subject, DateTimeOffset at, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.CertificateValidated = ScoreCalculator.IsCertificationValidated(registration, subject);
        if (registration.CertificateValidated)
        {
            Issue(registration, at, random);
        }
    }

    /// <summary>"RD-2026-0001234": the year of completion and the registration id, so unique by construction.</summary>
    public static string Number(int year, int registrationId) =>
        string.Create(CultureInfo.InvariantCulture, $"RD-{year}-{registrationId:D7}");

    /// <summary>"K7QF-2M9X-D4TB": 60 random bits (cryptographic unless a seeded <paramref name="random"/> is given).</summary>
    public static string VerificationCode(Random? random = null)
    {
        Span<char> chars = stackalloc char[14];
        var position = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                chars[position++] = '-';
            }

            chars[position++] = Alphabet[random?.Next(Alphabet.Length) ?? RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>
    /// Databases from before the issuer numbered certificates on their first download: at start-up, every validated
    /// certification still without a number or code gets them (idempotent; every account). Returns how many.
    /// </summary>
    public static async Task<int> IssueMissingAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var missing = await db.Registrations.IgnoreQueryFilters().Include(r => r.Subject)
            .Where(r => r.CertificateValidated && r.TestType == TestType.Certification && r.Status == RegistrationStatus.Completed
                && (r.CertificateNumber == null || r.CertificateVerificationCode == null))
            .ToListAsync(cancellationToken);
        var issued = 0;
        foreach (var registration in missing.Where(r => ScoreCalculator.IsCertificationValidated(r, r.Subject!)))
        {
            Issue(registration, registration.RegisteredAt, random: null);
            issued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    private static void Issue(Registration registration, DateTimeOffset at, Random? random)
    {
        registration.CertificateNumber ??= Number((registration.CompletedAt ?? at).Year, registration.Id);
        registration.CertificateVerificationCode ??= VerificationCode(random);
    }
}
