using System.Globalization;
using System.Text;

namespace Dashboard.Core.Documents;

/// <summary>
/// Download file names: "report-1234-Ødegård-Benoît.pdf". Letters keep their accents (the endpoint sends an
/// RFC 5987 filename* next to an ASCII fallback); anything a file system or a header could trip on goes.
/// </summary>
public static class DocumentFileNames
{
    public static string Compose(params object?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            var text = Convert.ToString(part, CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('-');
            }

            var dash = false;
            foreach (var c in text.Normalize(NormalizationForm.FormC))
            {
                if (char.IsLetterOrDigit(c) || c is '_' or '.')
                {
                    builder.Append(c);
                    dash = false;
                }
                else if (!dash)
                {
                    builder.Append('-');
                    dash = true;
                }
            }

            while (builder.Length > 0 && builder[^1] == '-')
            {
                builder.Length--;
            }
        }

        var name = builder.ToString().Trim('-', '.');
        return name.Length == 0 ? "document" : name[..Math.Min(name.Length, 120)];
    }
}
