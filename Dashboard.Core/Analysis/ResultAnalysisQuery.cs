using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analysis;

/// <summary>Builds the analysis page of one registration of the current account.</summary>
public sealed class ResultAnalysisQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    /// <exception cref="NotFoundException">No such registration in the current account.</exception>
    /// <exception cref="PrivilegeException">The scope may not view results.</exception>
    public async Task<ResultAnalysis> GetAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var registration = await db.Registrations.AsNoTracking()
            .Include(r => r.Candidate)
            .Include(r => r.Group)
            .Include(r => r.Responses)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<AccountsErrors>("RegistrationNotFound", registrationId));

        var subject = await db.Subjects.AsNoTracking()
            .Include(s => s.Skills)
            .FirstAsync(s => s.Id == registration.SubjectId, cancellationToken);
        var answeredIds = registration.Responses.Select(r => r.QuestionId).Distinct().ToList();
        // Only the answered questions: an adaptive item bank holds far more items than a sitting uses.
        subject.Questions = await db.Questions.AsNoTracking()
            .Where(q => answeredIds.Contains(q.Id))
            .ToListAsync(cancellationToken);

        var header = new AnalysisHeader(
            registration.Id, registration.CandidateId,
            registration.Candidate!.FirstName, registration.Candidate.LastName, registration.Candidate.Email,
            registration.Group!.Name, subject.Name, registration.TestType, registration.Status,
            registration.StartedAt, registration.CompletedAt, await AccountCalendar.LoadAsync(db, registration.AccountId, cancellationToken));

        if (registration.Status != RegistrationStatus.Completed)
        {
            return new ResultAnalysis(header, false, subject.Scale, null, null, [], new DurationSummary(TimeSpan.Zero, null, 0),
                [], subject.IsAdaptive, [], false);
        }

        var responses = registration.Responses.OrderBy(r => r.Order).ToList();
        var computed = ScoreCalculator.Compute(subject, responses);
        var score = registration.Score ?? computed.Score;
        var level = registration.Score is not null ? registration.Level ?? ScoreCalculator.LevelOn(subject.Scale, score) : computed.Level;

        var questions = subject.Questions.ToDictionary(q => q.Id);
        var skills = subject.Skills.ToDictionary(s => s.Id, s => s.Name);
        // Numbered 1, 2, 3… in the order answered, whatever the stored order starts from (the PDF numbers them the same way).
        var details = responses.Select((r, index) =>
        {
            var q = questions[r.QuestionId];
            return new QuestionDetail(index + 1, q.Id, q.Text, skills.GetValueOrDefault(q.SkillId, "?"), q.Kind, r.Answer,
                q.CorrectAnswer, r.Points, q.MaxPoints, TimeSpan.FromSeconds(r.TimeSpentSeconds), q.Difficulty, r.GraderComment);
        }).ToList();

        return new ResultAnalysis(header, true, subject.Scale, score, level, computed.Skills,
            ScoreCalculator.Durations(registration, responses), details, subject.IsAdaptive,
            subject.IsAdaptive ? CalibrationCurve(responses, questions) : [],
            registration.CertificateValidated);
    }

    /// <summary>The stored estimates when every graded response has them (recorded at sitting time), else recomputed.</summary>
    private static IReadOnlyList<AbilityStep> CalibrationCurve(List<Response> responses, Dictionary<int, Question> questions)
    {
        var graded = responses.Where(r => r.Points is not null).ToList();
        if (graded.Count > 0 && graded.All(r => r.AbilityAfter is not null && r.AbilityStandardError is not null))
        {
            return graded.Select(r => new AbilityStep(r.Order, r.QuestionId, questions[r.QuestionId].Difficulty,
                AbilityEstimator.IsCorrect(r, questions[r.QuestionId]), r.AbilityAfter!.Value, r.AbilityStandardError!.Value)).ToList();
        }

        return AbilityEstimator.Trace(responses, questions);
    }
}
