using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Documents;

/// <summary>One sitting as the documents show it; dates are already in the account's time zone.</summary>
internal sealed record SittingInfo
{
    public int RegistrationId { get; init; }
    public int CandidateId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public string? ExternalId { get; init; }
    public required string GroupName { get; init; }
    public int SubjectId { get; init; }
    public required string SubjectName { get; init; }
    public TestType TestType { get; init; }
    public ScoreScale Scale { get; init; }
    public string? SessionName { get; init; }
    public RegistrationStatus Status { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public int? DurationSeconds { get; init; }
    public double? Score { get; init; }
    public ScoreLevel? Level { get; init; }
    public ProctoringProfile Proctoring { get; init; }

    public string FullName => $"{FirstName} {LastName}";
}

internal sealed record QuestionLine(int Number, string Question, string Skill, string? Answer, string? CorrectAnswer,
    double? Points, double MaxPoints, int TimeSeconds, bool ManuallyGraded, string? GraderComment = null);

internal sealed record IndividualReportModel(SittingInfo Sitting, ScoreResult Scores, IReadOnlyList<QuestionLine> Questions, DateTimeOffset GeneratedAt);

internal sealed record ProgressionModel(SittingInfo Initial, ScoreResult InitialScores, SittingInfo Final, ScoreResult FinalScores, DateTimeOffset GeneratedAt);

internal sealed record CertificateModel(SittingInfo Sitting, string Number, string VerificationCode, string AccountName, DateTimeOffset GeneratedAt);

internal sealed record AttestationModel(SittingInfo Sitting, string AccountName, DateTimeOffset GeneratedAt);

/// <summary>A candidate's best completed attempt in the period, with their number of attempts.</summary>
internal sealed record RankedCandidate(int Rank, SittingInfo Best, int Attempts);

internal sealed record GroupStatistics(int Candidates, double Mean, double Median, double Minimum, double Maximum, double StandardDeviation)
{
    public static GroupStatistics Of(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            return new GroupStatistics(0, 0, 0, 0, 0, 0);
        }

        var sorted = scores.Order().ToArray();
        var mean = sorted.Average();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        // Population standard deviation: the group is the whole population being described.
        var variance = sorted.Sum(s => (s - mean) * (s - mean)) / sorted.Length;
        return new GroupStatistics(sorted.Length, mean, median, sorted[0], sorted[^1], Math.Sqrt(variance));
    }
}

internal sealed record SkillAverage(string Skill, double Average);

internal sealed record GroupReportModel(
    string GroupName, bool HasSubGroups, string SubjectName, ScoreScale Scale, DateOnly From, DateOnly To,
    GroupStatistics Statistics, IReadOnlyList<(string Label, int Count, ScoreLevel? Level)> Distribution,
    IReadOnlyList<SkillAverage> SkillAverages, IReadOnlyList<RankedCandidate> Ranking, DateTimeOffset GeneratedAt);

internal sealed record CandidateProgression(SittingInfo Initial, SittingInfo Final, double Change, IReadOnlyList<double?> SkillChanges);

internal sealed record SkillProgression(string Skill, double InitialAverage, double FinalAverage)
{
    public double Change => FinalAverage - InitialAverage;
}

internal sealed record GroupProgressionModel(
    string GroupName, string SubjectName, ScoreScale Scale, DateOnly From, DateOnly To,
    IReadOnlyList<string> Skills, IReadOnlyList<CandidateProgression> Candidates,
    double AverageInitial, double AverageFinal, IReadOnlyList<SkillProgression> SkillProgressions, DateTimeOffset GeneratedAt)
{
    public double AverageChange => AverageFinal - AverageInitial;
}
