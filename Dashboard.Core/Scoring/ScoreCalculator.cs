using Dashboard.Core.Domain;

namespace Dashboard.Core.Scoring;

public sealed record SkillScore(int SkillId, string SkillName, double Score, ScoreLevel? Level, double Points, double MaxPoints);

public sealed record ScoreResult(double Score, ScoreLevel? Level, IReadOnlyList<SkillScore> Skills);

/// <summary>How long a sitting took; the average is null when no question was answered.</summary>
public sealed record DurationSummary(TimeSpan Total, TimeSpan? AveragePerQuestion, int Questions);

/// <summary>
/// The one scoring code: automatic grading on completion, recalculation after manual grading, reports
/// and the analysis page all call it.
/// </summary>
public static class ScoreCalculator
{
    /// <summary>Level of a score on the 1–1000 scale: Initial 1–350, Basic 351–550, Operational 551–725, Advanced 726–875, Expert 876–1000.</summary>
    public static ScoreLevel LevelFor(double score) => Math.Round(score) switch
    {
        <= 350 => ScoreLevel.Initial,
        <= 550 => ScoreLevel.Basic,
        <= 725 => ScoreLevel.Operational,
        <= 875 => ScoreLevel.Advanced,
        _ => ScoreLevel.Expert,
    };

    /// <summary>Maps a fraction of points (0–1) to the subject's scale.</summary>
    public static double ToScale(ScoreScale scale, double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        return scale == ScoreScale.Points1000
            ? Math.Round(1 + (999 * fraction))
            : Math.Round(100 * fraction, 1);
    }

    public static ScoreLevel? LevelOn(ScoreScale scale, double score) =>
        scale == ScoreScale.Points1000 ? LevelFor(score) : null;

    /// <summary>
    /// Scores a sitting from its answered questions. Every response must have points (manually graded
    /// ones included); questions are matched by id against the subject's item bank.
    /// </summary>
    public static ScoreResult Compute(Subject subject, IEnumerable<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var questions = subject.Questions.ToDictionary(q => q.Id);
        var skills = subject.Skills.ToDictionary(s => s.Id);
        var answered = responses.Select(r => (Response: r, Question: questions[r.QuestionId])).ToList();

        var perSkill = answered
            .GroupBy(x => x.Question.SkillId)
            .OrderBy(g => skills.TryGetValue(g.Key, out var s) ? s.Order : int.MaxValue)
            .Select(g =>
            {
                var points = g.Sum(x => x.Response.Points ?? 0);
                var max = g.Sum(x => x.Question.MaxPoints);
                var score = ToScale(subject.Scale, max > 0 ? points / max : 0);
                var name = skills.TryGetValue(g.Key, out var skill) ? skill.Name : "?";
                return new SkillScore(g.Key, name, score, LevelOn(subject.Scale, score), points, max);
            })
            .ToList();

        var totalPoints = answered.Sum(x => x.Response.Points ?? 0);
        var totalMax = answered.Sum(x => x.Question.MaxPoints);
        var overall = ToScale(subject.Scale, totalMax > 0 ? totalPoints / totalMax : 0);
        return new ScoreResult(overall, LevelOn(subject.Scale, overall), perSkill);
    }

    /// <summary>
    /// Total duration of a sitting (the recorded duration, else completed − started, else the sum of the time
    /// spent per question) and the average per answered question.
    /// </summary>
    public static DurationSummary Durations(Registration registration, IReadOnlyCollection<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(responses);
        var seconds = registration.DurationSeconds
            ?? (registration.CompletedAt - registration.StartedAt)?.TotalSeconds
            ?? responses.Sum(r => r.TimeSpentSeconds);
        var total = TimeSpan.FromSeconds(Math.Max(0, seconds));
        TimeSpan? average = responses.Count > 0 ? total / responses.Count : null;
        return new DurationSummary(total, average, responses.Count);
    }

    /// <summary>Automatic grading of one answer; null for manually graded questions.</summary>
    public static double? AutoGrade(Question question, string? answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.ManuallyGraded)
        {
            return null;
        }

        if (answer is null || question.CorrectAnswer is null)
        {
            return 0;
        }

        var correct = question.Kind switch
        {
            QuestionKind.MultipleChoice => SameSet(answer, question.CorrectAnswer),
            QuestionKind.Numeric => double.TryParse(answer, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
                && double.TryParse(question.CorrectAnswer, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c)
                && Math.Abs(a - c) < 1e-9,
            _ => string.Equals(answer.Trim(), question.CorrectAnswer.Trim(), StringComparison.OrdinalIgnoreCase),
        };
        return correct ? question.MaxPoints : 0;
    }

    /// <summary>A certification is validated when its score reaches the threshold and the sitting is not invalid.</summary>
    public static bool IsCertificationValidated(Registration registration, Subject subject)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(subject);
        return registration.TestType == TestType.Certification
            && registration.Status == RegistrationStatus.Completed
            && registration.Score is { } score
            && score >= subject.CertificationThreshold
            && registration.ProctoringStatus != ProctoringStatus.Invalid;
    }

    private static bool SameSet(string a, string b)
    {
        static HashSet<string> Split(string s) =>
            s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Split(a).SetEquals(Split(b));
    }
}
