using Dashboard.Core.Domain;

namespace Dashboard.Core.Proctoring;

/// <summary>
/// The proctoring words in English and French: statuses, incident kinds, the reviewers' guidance and what the
/// candidate reads. "fr…" gives French, anything else English (as <see cref="Documents.Localization.DocumentText"/>).
/// </summary>
public static class ProctoringText
{
    public static bool IsFrench(string? language) => language is not null && language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);

    public static string Status(ProctoringStatus status, string? language = "en") => (IsFrench(language), status) switch
    {
        (false, ProctoringStatus.NotApplicable) => "Not applicable",
        (false, ProctoringStatus.PendingReview) => "Pending review",
        (false, ProctoringStatus.AwaitingDetails) => "Awaiting details",
        (false, ProctoringStatus.DetailUnderReview) => "Detail under review",
        (false, ProctoringStatus.ExplanationValidated) => "Explanation validated",
        (false, ProctoringStatus.Validated) => "Validated",
        (false, ProctoringStatus.Invalid) => "Invalid",
        (true, ProctoringStatus.NotApplicable) => "Sans objet",
        (true, ProctoringStatus.PendingReview) => "À examiner",
        (true, ProctoringStatus.AwaitingDetails) => "En attente de précisions",
        (true, ProctoringStatus.DetailUnderReview) => "Précisions en cours d'examen",
        (true, ProctoringStatus.ExplanationValidated) => "Explication validée",
        (true, ProctoringStatus.Validated) => "Validé",
        (true, ProctoringStatus.Invalid) => "Invalide",
        _ => status.ToString(),
    };

    public static string Incident(IncidentKind kind, string? language = "en") => (IsFrench(language), kind) switch
    {
        (false, IncidentKind.ExitFullScreen) => "Exit full screen",
        (false, IncidentKind.SecondPerson) => "Second person",
        (false, IncidentKind.GazeOffScreen) => "Gaze off screen",
        (false, IncidentKind.NoFaceDetected) => "No face detected",
        (false, IncidentKind.TabSwitch) => "Tab switch",
        (false, IncidentKind.NoiseDetected) => "Noise detected",
        (false, IncidentKind.CopyPaste) => "Copy and paste",
        (true, IncidentKind.ExitFullScreen) => "Sortie du plein écran",
        (true, IncidentKind.SecondPerson) => "Deuxième personne",
        (true, IncidentKind.GazeOffScreen) => "Regard hors de l'écran",
        (true, IncidentKind.NoFaceDetected) => "Aucun visage détecté",
        (true, IncidentKind.TabSwitch) => "Changement d'onglet",
        (true, IncidentKind.NoiseDetected) => "Bruit détecté",
        (true, IncidentKind.CopyPaste) => "Copier-coller",
        _ => kind.ToString(),
    };

    public static string Guidance(string? language = "en") => IsFrench(language)
        ? $"Certifications : une sortie du plein écran de plus de {ProctoringRules.SeriousExitFullScreenSeconds} secondes ou une deuxième personne sur les captures est un incident grave."
        : $"Certifications: an exit from full screen longer than {ProctoringRules.SeriousExitFullScreenSeconds} seconds or a second person in the captures is a serious incident.";

    public static string ExplanationEmailSubject(string? language, string subjectName) => IsFrench(language)
        ? $"Votre test {subjectName} : merci de nous apporter des précisions"
        : $"Your {subjectName} test: please tell us what happened";
}
