using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Tests.Support;

/// <summary>Administrators and submitted tests waiting for manual grading, with their responses.</summary>
public sealed class GradingBuilder(TestDatabase database)
{
    public Task<Administrator> AdministratorAsync(Account account, string name, Privileges privileges) =>
        new AccountsBuilder(database).AdministratorAsync(account, privileges, name: name);

    /// <summary>
    /// A test pending grading: one response per question of <paramref name="subject"/> in order. Choice
    /// question i is answered correctly when <paramref name="correct"/>[i] is true (all correct when null)
    /// and auto-graded; essays and code are answered and left ungraded.
    /// </summary>
    public async Task<Registration> PendingTestAsync(Candidate candidate, Subject subject, bool[]? correct = null,
        DateTimeOffset? completedAt = null, Administrator? grader = null, TestType type = TestType.Evaluation)
    {
        var world = new WorldBuilder(database);
        var registration = await world.RegistrationAsync(candidate, subject, RegistrationStatus.PendingGrading, type, completedAt: completedAt,
            configure: r =>
            {
                r.GraderId = grader?.Id;
                r.GraderAssignedAt = grader is null ? null : database.Time.GetUtcNow().AddMinutes(-30);
            });

        await using var db = database.CreateDbContext(candidate.AccountId);
        var choice = 0;
        foreach (var question in subject.Questions.OrderBy(q => q.Order))
        {
            string answer;
            if (question.ManuallyGraded)
            {
                answer = question.Kind == QuestionKind.Code
                    ? "def total(xs):\n    result = 0\n    for x in xs:\n        result += x\n    return result"
                    : "Pivot tables summarise large data sets by grouping rows and aggregating values.";
            }
            else
            {
                answer = correct is null || correct[choice] ? "A" : "B";
                choice++;
            }

            db.Responses.Add(new Response
            {
                RegistrationId = registration.Id,
                QuestionId = question.Id,
                Order = question.Order,
                Answer = answer,
                Points = ScoreCalculator.AutoGrade(question, answer),
                TimeSpentSeconds = 60,
            });
        }

        await db.SaveChangesAsync();
        return registration;
    }
}
