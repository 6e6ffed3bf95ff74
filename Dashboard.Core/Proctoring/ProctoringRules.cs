using Dashboard.Core.Domain;

namespace Dashboard.Core.Proctoring;

/// <summary>The review rules reviewers are told about, in one place for the page, the service and the tests.</summary>
public static class ProctoringRules
{
    public const int MaxCommentLength = 4000;

    /// <summary>For certifications, leaving full screen longer than this is a serious incident.</summary>
    public const int SeriousExitFullScreenSeconds = 60;

    /// <summary>
    /// Serious when the proctoring side said so, or (certifications) a second person or an exit from full screen
    /// over <see cref="SeriousExitFullScreenSeconds"/> seconds.
    /// </summary>
    public static bool IsSerious(TestType testType, IncidentKind kind, int? durationSeconds, bool flaggedSerious) =>
        flaggedSerious
        || (testType == TestType.Certification
            && (kind == IncidentKind.SecondPerson
                || (kind == IncidentKind.ExitFullScreen && durationSeconds > SeriousExitFullScreenSeconds)));
}
