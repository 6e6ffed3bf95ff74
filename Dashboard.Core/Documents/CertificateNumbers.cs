using System.Globalization;
using System.Security.Cryptography;

namespace Dashboard.Core.Documents;

/// <summary>Certificate numbers (unique: built on the registration id) and unguessable verification codes.</summary>
public static class CertificateNumbers
{
    // Crockford's base32: no I, L, O, U — nothing to misread when typed from paper.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>"RD-2026-0001234".</summary>
    public static string Number(DateTimeOffset completedAt, int registrationId) =>
        string.Create(CultureInfo.InvariantCulture, $"RD-{completedAt.Year}-{registrationId:D7}");

    /// <summary>"K7QF-2M9X-D4TB": 60 random bits.</summary>
    public static string NewVerificationCode()
    {
        Span<char> chars = stackalloc char[14];
        var position = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                chars[position++] = '-';
            }

            chars[position++] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
