using System.Globalization;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Display;

/// <summary>How durations, statuses and test types read on screen.</summary>
public static class DisplayText
{
    public static string Duration(TimeSpan duration) => duration.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00} min")
        : duration.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(duration.TotalSeconds)} s");

    public static string Status(RegistrationStatus status) => status switch
    {
        RegistrationStatus.ToBeTaken => "To be taken",
        RegistrationStatus.InProgress => "In progress",
        RegistrationStatus.Completed => "Completed",
        RegistrationStatus.PendingGrading => "Pending grading",
        RegistrationStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Score(ScoreScale scale, double score) => scale == ScoreScale.Percentage
        ? string.Create(CultureInfo.CurrentCulture, $"{score:0.#} %")
        : string.Create(CultureInfo.CurrentCulture, $"{score:0}");

    public static string Date(DateTimeOffset? at) =>
        at?.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) ?? "—";
}
