using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Browser.Grading;

/// <summary>
/// Adds to the demo world a 5-question test pending grading, assigned to grader@acme.test: five essays, the third
/// marked out of 20 (two digits make its grade), on the percentage scale so the recalculated score is exact.
/// </summary>
internal static class KeyboardGradingWorld
{
    public const double MaxOfTheThird = 20;

    public static async Task<int> PendingFiveEssayTestAsync(string connectionString, string graderEmail)
    {
        await using var db = new DashboardDbContext(TestProvider.Options(connectionString), new AccountScope());
        var grader = await db.Users.IgnoreQueryFilters().SingleAsync(a => a.Email == graderEmail);
        var candidate = await db.Candidates.IgnoreQueryFilters().Where(c => c.AccountId == grader.AccountId).OrderBy(c => c.Id).FirstAsync();

        var subject = new Subject { Name = "Keyboard essays", Scale = ScoreScale.Percentage, CertificationThreshold = 60, DurationMinutes = 30, QuestionsPerTest = 5 };
        subject.Skills.Add(new Skill { Name = "Writing", Order = 0 });
        db.Subjects.Add(subject);
        await db.SaveChangesAsync();
        for (var i = 0; i < 5; i++)
        {
            subject.Questions.Add(new Question
            {
                SkillId = subject.Skills[0].Id, Order = i, Kind = QuestionKind.Essay, Text = $"Keyboard essay {i + 1}",
                MaxPoints = i == 2 ? MaxOfTheThird : 5,
            });
        }

        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var registration = new Registration
        {
            AccountId = grader.AccountId, CandidateId = candidate.Id, GroupId = candidate.GroupId, SubjectId = subject.Id,
            TestType = TestType.Evaluation, Status = RegistrationStatus.PendingGrading, RegisteredAt = now.AddDays(-2),
            StartedAt = now.AddHours(-2), CompletedAt = now.AddHours(-1), DurationSeconds = 25 * 60,
            SortName = Dashboard.Core.Results.TextFold.SortName(candidate.LastName, candidate.FirstName),
            GraderId = grader.Id, GraderAssignedAt = now.AddMinutes(-30),
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        foreach (var question in subject.Questions)
        {
            db.Responses.Add(new Response
            {
                RegistrationId = registration.Id, QuestionId = question.Id, Order = question.Order, TimeSpentSeconds = 300,
                Answer = "Pivot tables summarise large data sets by grouping rows and aggregating values.",
            });
        }

        await db.SaveChangesAsync();
        return registration.Id;
    }
}
