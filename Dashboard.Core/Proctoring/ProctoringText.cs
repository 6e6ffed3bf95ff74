using System.Globalization;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;

namespace Dashboard.Core.Proctoring;

/// <summary>
/// The proctoring words in English and French (<see cref="ProctoringWords"/>' resources): statuses, incident kinds, the
/// reviewers' guidance and what the candidate reads. "fr…" gives French, anything else English (as
/// <see cref="Documents.Localization.DocumentText"/>).
/// </summary>
public static class ProctoringText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsFrench(string? language) => language is not null && language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);

    public static string Status(ProctoringStatus status, string? language = "en") => Word(language, $"Status_{status}");

    public static string Incident(IncidentKind kind, string? language = "en") => Word(language, $"Incident_{kind}");

    public static string Guidance(string? language = "en") => Word(language, "Guidance", ProctoringRules.SeriousExitFullScreenSeconds);

    public static string ExplanationEmailSubject(string? language, string subjectName) => Word(language, "ExplanationEmailSubject", subjectName);

    private static string Word(string? language, string key, params object?[] arguments) =>
        UserText.In<ProctoringWords>(IsFrench(language) ? French : English, key, arguments);
}
