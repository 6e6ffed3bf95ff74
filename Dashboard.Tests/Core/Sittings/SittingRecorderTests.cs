using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Core.Sittings.SittingRecording;

namespace Dashboard.Tests.Core.Sittings;

/// <summary>A sitting's course: start, answers, completion, scoring, certificates, essays left for grading.</summary>
public sealed class SittingRecorderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly SittingRecording _sittings = new(database);

    [Fact]
    public async Task StartingASittingMovesTheRegistrationToInProgress()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync();
        var at = database.Time.GetUtcNow();

        var result = await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, at));

        Assert.Equal(1, result.Applied);
        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.InProgress, saved.Status);
        Assert.Equal(at, saved.StartedAt);
    }

    [Fact]
    public async Task AnswersAreStoredInTheOrderTheyArriveAndAChangedAnswerReplacesTheFirst()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();

        await _sittings.RecordAsync(registration.AccountId,
            Started(registration.Id, t), Answer(registration.Id, q[1].Id, "B", t.AddSeconds(30), 30),
            Answer(registration.Id, q[0].Id, "A", t.AddSeconds(60), 30), Answer(registration.Id, q[1].Id, "A", t.AddSeconds(70), 10));

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal([(q[1].Id, "A", 1, 40), (q[0].Id, "A", 2, 30)],
            saved.Responses.OrderBy(r => r.Order).Select(r => (r.QuestionId, r.Answer!, r.Order, r.TimeSpentSeconds)));
        Assert.All(saved.Responses, r => Assert.Null(r.Points));
    }

    [Fact]
    public async Task CompletingASittingScoresItWithTheScoreCalculator()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();
        var events = new List<SittingEvent> { Started(registration.Id, t) };
        for (var i = 0; i < q.Count; i++)
        {
            // Four right answers out of six.
            events.Add(Answer(registration.Id, q[i].Id, i < 4 ? "A" : "C", t.AddMinutes(i + 1), 60));
        }

        events.Add(Completed(registration.Id, t.AddMinutes(20)));
        await _sittings.RecordAsync(registration.AccountId, [.. events]);

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(ScoreCalculator.ToScale(ScoreScale.Points1000, 4.0 / 6), saved.Score);
        Assert.Equal(ScoreCalculator.LevelFor(saved.Score!.Value), saved.Level);
        Assert.Equal(20 * 60, saved.DurationSeconds);
        Assert.Equal(t.AddMinutes(20), saved.CompletedAt);
        Assert.Equal(4, saved.Responses.Sum(r => r.Points));
        Assert.False(saved.CertificateValidated);
    }

    [Fact]
    public async Task ACompletedCertificationAtTheThresholdIsValidatedWithANumberAndAVerificationCode()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync(type: TestType.Certification);
        var t = _sittings.SittingBegan;
        var events = subject.Questions.Select((q, i) => Answer(registration.Id, q.Id, "A", t.AddMinutes(i), 60)).ToList();
        events.Add(Completed(registration.Id, t.AddMinutes(10)));

        await _sittings.RecordAsync(registration.AccountId, [.. events]);

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(1000, saved.Score);
        Assert.True(saved.CertificateValidated);
        Assert.Matches(@"^RD-2026-\d{7}$", saved.CertificateNumber);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", saved.CertificateVerificationCode);
    }

    [Fact]
    public async Task ACertificationBelowTheThresholdIsNotValidated()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync(type: TestType.Certification);
        var t = _sittings.SittingBegan;
        var events = subject.Questions.Select((q, i) => Answer(registration.Id, q.Id, "D", t.AddMinutes(i), 60)).ToList();
        events.Add(Completed(registration.Id, t.AddMinutes(10)));

        await _sittings.RecordAsync(registration.AccountId, [.. events]);

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.False(saved.CertificateValidated);
        Assert.Null(saved.CertificateNumber);
    }

    [Fact]
    public async Task ASittingWithAnAnsweredEssayGoesToPendingGradingWithoutAScore()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync(essays: 1);
        var t = _sittings.SittingBegan;
        var choice = subject.Questions.First(q => q.Kind == QuestionKind.SingleChoice);
        var essay = subject.Questions.First(q => q.Kind == QuestionKind.Essay);

        var result = await _sittings.RecordAsync(registration.AccountId,
            Started(registration.Id, t), Answer(registration.Id, choice.Id, "A", t.AddMinutes(1), 60),
            Answer(registration.Id, essay.Id, "My essay", t.AddMinutes(9), 480), Completed(registration.Id, t.AddMinutes(10)));

        Assert.Equal(4, result.Applied);
        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.PendingGrading, saved.Status);
        Assert.Null(saved.Score);
        Assert.Equal(t.AddMinutes(10), saved.CompletedAt);
        Assert.Equal(1, saved.Responses.Single(r => r.QuestionId == choice.Id).Points);
        Assert.Null(saved.Responses.Single(r => r.QuestionId == essay.Id).Points);
    }

    [Fact]
    public async Task ASittingWhoseEssaysWereNotAnsweredIsScoredAtOnce()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync(essays: 1);
        var t = _sittings.SittingBegan;
        var choice = subject.Questions.First(q => q.Kind == QuestionKind.SingleChoice);

        await _sittings.RecordAsync(registration.AccountId, Answer(registration.Id, choice.Id, "A", t, 60), Completed(registration.Id, t.AddMinutes(5)));

        Assert.Equal(RegistrationStatus.Completed, (await _sittings.LoadAsync(registration)).Status);
    }

    [Fact]
    public async Task ACompletionBeforeTheStartImpliesTheStartAndTheLateStartIsIgnored()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;

        await _sittings.RecordAsync(registration.AccountId, Completed(registration.Id, t.AddMinutes(30)));
        var late = await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t));

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(t.AddMinutes(30), saved.StartedAt);
        Assert.Equal(0, saved.DurationSeconds);
        Assert.Equal(SittingEventOutcomeKind.Ignored, Assert.Single(late.Outcomes).Outcome);
        _ = subject;
    }

    [Fact]
    public async Task EventsOfOneBatchAreAppliedInTheOrderTheyOccurredNotTheOrderListed()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();

        var result = await _sittings.RecordAsync(registration.AccountId,
            Completed(registration.Id, t.AddMinutes(10)), Answer(registration.Id, q.Id, "A", t.AddMinutes(5), 60), Started(registration.Id, t));

        Assert.Equal(3, result.Applied);
        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(t, saved.StartedAt);
        Assert.Equal(600, saved.DurationSeconds);
        Assert.Single(saved.Responses);
    }
}
