using Dashboard.Core.Domain;

namespace Dashboard.Tests.Support;

/// <summary>Builders for answered sittings: responses matching a pattern of right and wrong answers.</summary>
public static class AnalysisBuilders
{
    /// <summary>
    /// One response per question of <paramref name="subject"/> (in bank order) while the pattern lasts: '1' right
    /// (answer "A", full points), '0' wrong (answer "B", no points), '-' not graded yet; 30 s each unless told.
    /// </summary>
    public static Action<Registration> Answers(Subject subject, string pattern, int secondsEach = 30) => registration =>
    {
        var questions = subject.Questions.OrderBy(q => q.Order).ToList();
        for (var i = 0; i < pattern.Length; i++)
        {
            var q = questions[i];
            registration.Responses.Add(new Response
            {
                QuestionId = q.Id,
                Order = i + 1,
                Answer = pattern[i] == '1' ? "A" : "B",
                Points = pattern[i] switch { '1' => q.MaxPoints, '0' => 0, _ => null },
                TimeSpentSeconds = secondsEach,
            });
        }
    };
}
