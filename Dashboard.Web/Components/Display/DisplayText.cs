using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Display;

/// <summary>
/// How durations, scores and times read on screen, in the current culture: en-GB "01/12/2026 21:29" and "650.2",
/// fr-FR "01/12/2026 21:29" and "650,2". Statuses and other domain words come from <see cref="Labels"/>.
/// </summary>
public static class DisplayText
{
    /// <summary>"1 h 05 min", "4 min 07 s", "12 s": the units read the same in English and French.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalHours >= 1
        ? string.Create(CultureInfo.CurrentCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00} min")
        : duration.TotalMinutes >= 1
            ? string.Create(CultureInfo.CurrentCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s")
            : string.Create(CultureInfo.CurrentCulture, $"{(int)Math.Round(duration.TotalSeconds)} s");

    /// <summary>"68,5 %" on the percentage scale (one decimal when there is one), "742" on the 1–1000 scale.</summary>
    public static string Score(ScoreScale scale, double score) => scale == ScoreScale.Percentage
        ? string.Create(CultureInfo.CurrentCulture, $"{score:0.#} %")
        : string.Create(CultureInfo.CurrentCulture, $"{score:0}");

    /// <summary>A number with one decimal at most, grouped as the culture groups thousands ("1,234.5" / "1 234,5").</summary>
    public static string Number(double value) => value.ToString("#,0.#", CultureInfo.CurrentCulture);

    /// <summary>"01/12/2026 21:29" as the instant reads in the account's zone, or "—" when there is none.</summary>
    public static string Date(DateTimeOffset? at, AccountCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return at is { } instant ? calendar.ToLocal(instant).ToString("g", CultureInfo.CurrentCulture) : "—";
    }

    /// <summary>As <see cref="Date(DateTimeOffset?, AccountCalendar)"/>, followed by the zone's name: "01/12/2026 21:29 (Europe/Paris)".</summary>
    public static string DateWithZone(DateTimeOffset? at, AccountCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return at is null ? "—" : $"{Date(at, calendar)} ({calendar.ZoneName})";
    }

    /// <summary>An instant in the current culture's short date and time, as it was given (its own offset).</summary>
    public static string Date(DateTimeOffset? at) => at?.ToString("g", CultureInfo.CurrentCulture) ?? "—";
}
