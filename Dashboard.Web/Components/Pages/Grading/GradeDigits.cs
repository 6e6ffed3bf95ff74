using System.Globalization;

namespace Dashboard.Web.Components.Pages.Grading;

/// <summary>
/// Number keys on a question: each digit gives that many points, and a digit typed after another builds a
/// two-digit grade while it stays within the maximum ("1" then "2" gives 12 out of 20, but 2 out of 5). No timer:
/// the same keys always give the same grade; Backspace, Enter and moving to another question start again.
/// </summary>
public static class GradeDigits
{
    /// <summary>The digits typed so far followed by <paramref name="digit"/>, kept whole while they fit under the maximum.</summary>
    public static string Append(string typed, char digit, double maxPoints)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var longer = typed + digit;
        return typed.Length > 0 && Value(longer) <= maxPoints ? longer : digit.ToString();
    }

    public static int Value(string typed) => int.Parse(typed, NumberStyles.None, CultureInfo.InvariantCulture);
}
