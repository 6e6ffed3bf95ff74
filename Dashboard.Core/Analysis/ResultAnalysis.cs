using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Analysis;

/// <summary>Who took which test, shown at the top of the analysis page; its times read in <see cref="Calendar"/>.</summary>
public sealed record AnalysisHeader(
    int RegistrationId,
    int CandidateId,
    string FirstName,
    string LastName,
    string Email,
    string GroupName,
    string SubjectName,
    TestType TestType,
    RegistrationStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    AccountCalendar Calendar);

/// <summary>One line of the question-by-question table.</summary>
public sealed record QuestionDetail(
    int Order,
    int QuestionId,
    string Text,
    string SkillName,
    QuestionKind Kind,
    string? CandidateAnswer,
    string? CorrectAnswer,
    double? Points,
    double MaxPoints,
    TimeSpan TimeSpent,
    double Difficulty,
    string? GraderComment = null)
{
    /// <summary>Full points; false for a wrong, partial or not yet graded answer.</summary>
    public bool IsCorrect => Points is { } p && p >= MaxPoints - 1e-9;

    public bool IsGraded => Points is not null;
}

/// <summary>
/// The analysis page's view model. For a registration that is not completed only <see cref="Header"/> is
/// meaningful (<see cref="IsCompleted"/> is false and the lists are empty).
/// </summary>
public sealed record ResultAnalysis(
    AnalysisHeader Header,
    bool IsCompleted,
    ScoreScale Scale,
    double? Score,
    ScoreLevel? Level,
    IReadOnlyList<SkillScore> Skills,
    DurationSummary Durations,
    IReadOnlyList<QuestionDetail> Questions,
    bool IsAdaptive,
    IReadOnlyList<AbilityStep> Calibration,
    bool CertificateAvailable)
{
    public AbilityStep? FinalAbility => Calibration.Count > 0 ? Calibration[^1] : null;
}
