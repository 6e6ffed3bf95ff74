using System.Globalization;
using System.Text;

namespace Dashboard.Core.Results;

/// <summary>Folds text for sorting and prefix search: lower case, accents removed ("Benoît" → "benoit").</summary>
public static class TextFold
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The value of <see cref="Domain.Registration.SortName"/> for a candidate.</summary>
    public static string SortName(string lastName, string firstName) => Fold($"{lastName} {firstName}");
}
