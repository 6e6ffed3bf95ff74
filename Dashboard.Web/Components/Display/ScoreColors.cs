using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Display;

/// <summary>One colour per score level, from red (Initial) to blue (Expert), shared by every score chart; each readable as text on white.</summary>
public static class ScoreColors
{
    public static string ForLevel(ScoreLevel? level) => level switch
    {
        ScoreLevel.Initial => "#c62828",
        ScoreLevel.Basic => "#bf360c",
        ScoreLevel.Operational => "#9a6700",
        ScoreLevel.Advanced => "#2e7d32",
        ScoreLevel.Expert => "#1565c0",
        _ => "#1f5fa8",
    };

    /// <summary>Percentages: red under 50, amber under 75, green above.</summary>
    public static string ForPercentage(double score) => score < 50 ? "#c62828" : score < 75 ? "#9a6700" : "#2e7d32";

    public static string ForStatus(RegistrationStatus status) => status switch
    {
        RegistrationStatus.ToBeTaken => "#90a4ae",
        RegistrationStatus.InProgress => "#0288d1",
        RegistrationStatus.Completed => "#2e7d32",
        RegistrationStatus.PendingGrading => "#ef6c00",
        _ => "#bdbdbd",
    };
}
