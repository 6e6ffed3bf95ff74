using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Grading;

/// <summary>One manually graded question of a test, with the candidate's answer and the current draft grade.</summary>
public sealed record GradingQuestion(
    long ResponseId, int Order, string Text, string SkillName, QuestionKind Kind, string? Answer,
    double MaxPoints, double? Points, string? Comment, bool Confirmed);

/// <summary>What the grading screen shows; <see cref="Version"/> goes back with every save.</summary>
public sealed record GradingSheet(
    int RegistrationId, string CandidateName, string SubjectName, TestType TestType, DateTimeOffset? SubmittedAt,
    Guid Version, IReadOnlyList<GradingQuestion> Questions)
{
    public int ConfirmedCount => Questions.Count(q => q.Confirmed);
}

/// <summary>The grade typed for one question.</summary>
public sealed record GradeInput(long ResponseId, double Points, string? Comment);

/// <summary>The recalculated result after the whole set was saved.</summary>
public sealed record GradingOutcome(
    int RegistrationId, double Score, ScoreLevel? Level, IReadOnlyList<SkillScore> Skills,
    bool CertificateValidated, string? CertificateNumber, Guid Version);

/// <summary>Someone saved the test after it was loaded: the screen keeps what was typed and offers a reload.</summary>
public sealed class GradingConflictException(DateTimeOffset? savedAt, string? savedBy, string savedAtText)
    : Exception(savedBy is null ? UserText.Get<GradingErrors>("Conflict", savedAtText) : UserText.Get<GradingErrors>("ConflictBy", savedBy, savedAtText))
{
    public DateTimeOffset? SavedAt { get; } = savedAt;
    public string? SavedBy { get; } = savedBy;

    /// <summary>When it was saved, as the message shows it ("14:05:03 (Europe/Paris)"), for a message in the screen's language.</summary>
    public string SavedAtText { get; } = savedAtText;
}
