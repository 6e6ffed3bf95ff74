using System.Globalization;

namespace Dashboard.Core.Results;

/// <summary>Search text split into plain-text terms. Never fails: anything the user types is just characters.</summary>
internal sealed record SearchText(IReadOnlyList<string> LongTerms, IReadOnlyList<string> ShortTerms, int? Id)
{
    /// <summary>Bounds the work a pasted paragraph can cause.</summary>
    private const int MaxTerms = 8;

    public static SearchText? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var cleaned = WithoutControlsOrBrokenSurrogates(search);
        var terms = cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TextFold.Fold)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        int? id = int.TryParse(cleaned.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new SearchText(
            terms.Where(t => t.Length >= 3).ToList(),
            terms.Where(t => t.Length < 3).ToList(),
            id);
    }

    private static string WithoutControlsOrBrokenSurrogates(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
