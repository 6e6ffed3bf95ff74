using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Scoring;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Sittings;

public sealed class SittingRecorderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);

    /// <summary>An hour before the server's time: the events of a whole sitting then lie in the past, as they must.</summary>
    private DateTimeOffset SittingBegan => database.Time.GetUtcNow().AddHours(-1);

    [Fact]
    public async Task StartingASittingMovesTheRegistrationToInProgress()
    {
        var (registration, _) = await NewRegistrationAsync();
        var at = database.Time.GetUtcNow();

        var result = await RecordAsync(registration.AccountId, Started(registration.Id, at));

        Assert.Equal(1, result.Applied);
        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.InProgress, saved.Status);
        Assert.Equal(at, saved.StartedAt);
    }

    [Fact]
    public async Task AnswersAreStoredInTheOrderTheyArriveAndAChangedAnswerReplacesTheFirst()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();

        await RecordAsync(registration.AccountId,
            Started(registration.Id, t), Answer(registration.Id, q[1].Id, "B", t.AddSeconds(30), 30),
            Answer(registration.Id, q[0].Id, "A", t.AddSeconds(60), 30), Answer(registration.Id, q[1].Id, "A", t.AddSeconds(70), 10));

        var saved = await LoadAsync(registration);
        Assert.Equal([(q[1].Id, "A", 1, 40), (q[0].Id, "A", 2, 30)],
            saved.Responses.OrderBy(r => r.Order).Select(r => (r.QuestionId, r.Answer!, r.Order, r.TimeSpentSeconds)));
        Assert.All(saved.Responses, r => Assert.Null(r.Points));
    }

    [Fact]
    public async Task CompletingASittingScoresItWithTheScoreCalculator()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();
        var events = new List<SittingEvent> { Started(registration.Id, t) };
        for (var i = 0; i < q.Count; i++)
        {
            // Four right answers out of six.
            events.Add(Answer(registration.Id, q[i].Id, i < 4 ? "A" : "C", t.AddMinutes(i + 1), 60));
        }

        events.Add(Completed(registration.Id, t.AddMinutes(20)));
        await RecordAsync(registration.AccountId, [.. events]);

        var saved = await LoadAsync(registration);
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
        var (registration, subject) = await NewRegistrationAsync(type: TestType.Certification);
        var t = SittingBegan;
        var events = subject.Questions.Select((q, i) => Answer(registration.Id, q.Id, "A", t.AddMinutes(i), 60)).ToList();
        events.Add(Completed(registration.Id, t.AddMinutes(10)));

        await RecordAsync(registration.AccountId, [.. events]);

        var saved = await LoadAsync(registration);
        Assert.Equal(1000, saved.Score);
        Assert.True(saved.CertificateValidated);
        Assert.Matches(@"^RD-2026-\d{7}$", saved.CertificateNumber);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", saved.CertificateVerificationCode);
    }

    [Fact]
    public async Task ACertificationBelowTheThresholdIsNotValidated()
    {
        var (registration, subject) = await NewRegistrationAsync(type: TestType.Certification);
        var t = SittingBegan;
        var events = subject.Questions.Select((q, i) => Answer(registration.Id, q.Id, "D", t.AddMinutes(i), 60)).ToList();
        events.Add(Completed(registration.Id, t.AddMinutes(10)));

        await RecordAsync(registration.AccountId, [.. events]);

        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.False(saved.CertificateValidated);
        Assert.Null(saved.CertificateNumber);
    }

    [Fact]
    public async Task ASittingWithAnAnsweredEssayGoesToPendingGradingWithoutAScore()
    {
        var (registration, subject) = await NewRegistrationAsync(essays: 1);
        var t = SittingBegan;
        var choice = subject.Questions.First(q => q.Kind == QuestionKind.SingleChoice);
        var essay = subject.Questions.First(q => q.Kind == QuestionKind.Essay);

        var result = await RecordAsync(registration.AccountId,
            Started(registration.Id, t), Answer(registration.Id, choice.Id, "A", t.AddMinutes(1), 60),
            Answer(registration.Id, essay.Id, "My essay", t.AddMinutes(9), 480), Completed(registration.Id, t.AddMinutes(10)));

        Assert.Equal(4, result.Applied);
        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.PendingGrading, saved.Status);
        Assert.Null(saved.Score);
        Assert.Equal(t.AddMinutes(10), saved.CompletedAt);
        Assert.Equal(1, saved.Responses.Single(r => r.QuestionId == choice.Id).Points);
        Assert.Null(saved.Responses.Single(r => r.QuestionId == essay.Id).Points);
    }

    [Fact]
    public async Task ASittingWhoseEssaysWereNotAnsweredIsScoredAtOnce()
    {
        var (registration, subject) = await NewRegistrationAsync(essays: 1);
        var t = SittingBegan;
        var choice = subject.Questions.First(q => q.Kind == QuestionKind.SingleChoice);

        await RecordAsync(registration.AccountId, Answer(registration.Id, choice.Id, "A", t, 60), Completed(registration.Id, t.AddMinutes(5)));

        Assert.Equal(RegistrationStatus.Completed, (await LoadAsync(registration)).Status);
    }

    [Fact]
    public async Task ACompletionBeforeTheStartImpliesTheStartAndTheLateStartIsIgnored()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;

        await RecordAsync(registration.AccountId, Completed(registration.Id, t.AddMinutes(30)));
        var late = await RecordAsync(registration.AccountId, Started(registration.Id, t));

        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(t.AddMinutes(30), saved.StartedAt);
        Assert.Equal(0, saved.DurationSeconds);
        Assert.Equal(SittingEventOutcomeKind.Ignored, Assert.Single(late.Outcomes).Outcome);
        _ = subject;
    }

    [Fact]
    public async Task EventsOfOneBatchAreAppliedInTheOrderTheyOccurredNotTheOrderListed()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();

        var result = await RecordAsync(registration.AccountId,
            Completed(registration.Id, t.AddMinutes(10)), Answer(registration.Id, q.Id, "A", t.AddMinutes(5), 60), Started(registration.Id, t));

        Assert.Equal(3, result.Applied);
        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(t, saved.StartedAt);
        Assert.Equal(600, saved.DurationSeconds);
        Assert.Single(saved.Responses);
    }

    [Fact]
    public async Task AnAnswerAfterCompletionIsIgnoredAndReported()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();
        await RecordAsync(registration.AccountId, Started(registration.Id, t), Answer(registration.Id, q[0].Id, "A", t.AddMinutes(1), 60),
            Completed(registration.Id, t.AddMinutes(2)));
        var before = await LoadAsync(registration);

        var result = await RecordAsync(registration.AccountId, Answer(registration.Id, q[1].Id, "A", t.AddMinutes(3), 60));

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(SittingEventOutcomeKind.Ignored, outcome.Outcome);
        Assert.Contains("after completion", outcome.Reason, StringComparison.Ordinal);
        var after = await LoadAsync(registration);
        Assert.Single(after.Responses);
        Assert.Equal(before.Score, after.Score);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task ADuplicateStartIsANoOp()
    {
        var (registration, _) = await NewRegistrationAsync();
        var t = SittingBegan;
        await RecordAsync(registration.AccountId, Started(registration.Id, t));

        var again = await RecordAsync(registration.AccountId, Started(registration.Id, t.AddMinutes(5)));

        Assert.Equal(1, again.Ignored);
        Assert.Equal(t, (await LoadAsync(registration)).StartedAt);
    }

    [Fact]
    public async Task ReplayingABatchWithTheSameEventIdsChangesNothing()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();
        SittingEvent[] batch = [Started(registration.Id, t), Answer(registration.Id, q.Id, "A", t.AddMinutes(1), 60)];
        await RecordAsync(registration.AccountId, batch);
        var before = await LoadAsync(registration);

        var replay = await RecordAsync(registration.AccountId, batch);

        Assert.Equal(2, replay.Duplicates);
        Assert.Equal(0, replay.Applied);
        var after = await LoadAsync(registration);
        Assert.Equal(60, Assert.Single(after.Responses).TimeSpentSeconds);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task AnEventIdRepeatedInsideOneBatchIsCountedOnce()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();
        var answer = Answer(registration.Id, q.Id, "A", t, 60);

        var result = await RecordAsync(registration.AccountId, answer, answer);

        Assert.Equal((1, 1), (result.Applied, result.Duplicates));
        Assert.Equal(60, Assert.Single((await LoadAsync(registration)).Responses).TimeSpentSeconds);
    }

    [Fact]
    public async Task ACancelledRegistrationNeverStarts()
    {
        var (registration, _) = await NewRegistrationAsync(status: RegistrationStatus.Cancelled);
        var t = SittingBegan;

        var result = await RecordAsync(registration.AccountId, Started(registration.Id, t), Completed(registration.Id, t.AddMinutes(1)));

        Assert.Equal(2, result.Ignored);
        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Cancelled, saved.Status);
        Assert.Null(saved.StartedAt);
    }

    [Fact]
    public async Task ProctoringIncidentsAreCountedAndPutTheSittingUpForReview()
    {
        var (registration, _) = await NewRegistrationAsync(configure: r => r.ProctoringProfile = ProctoringProfile.Video);
        var t = SittingBegan;

        await RecordAsync(registration.AccountId, Started(registration.Id, t),
            Incident(registration.Id, "tabSwitch", t.AddMinutes(1)), Incident(registration.Id, "SecondPerson", t.AddMinutes(2)),
            Completed(registration.Id, t.AddMinutes(3)));

        var saved = await LoadAsync(registration);
        Assert.Equal(2, saved.IncidentCount);
        Assert.Equal(ProctoringStatus.PendingReview, saved.ProctoringStatus);
        Assert.Equal([(IncidentKind.TabSwitch, false), (IncidentKind.SecondPerson, true)],
            saved.Incidents.OrderBy(i => i.OccurredAt).Select(i => (i.Kind, i.IsSerious)));
    }

    [Fact]
    public async Task AProctoredSittingWithoutIncidentsIsValidatedOnCompletion()
    {
        var (registration, _) = await NewRegistrationAsync(configure: r => r.ProctoringProfile = ProctoringProfile.Video);
        var t = SittingBegan;

        await RecordAsync(registration.AccountId, Started(registration.Id, t), Completed(registration.Id, t.AddMinutes(3)));

        Assert.Equal(ProctoringStatus.Validated, (await LoadAsync(registration)).ProctoringStatus);
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFoundAndTheWholeBatchChangesNothing()
    {
        var (mine, _) = await NewRegistrationAsync();
        var (theirs, _) = await NewRegistrationAsync();
        var t = SittingBegan;

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() =>
            RecordAsync(mine.AccountId, Started(mine.Id, t), Started(theirs.Id, t)));

        Assert.True(ex.NotFound);
        Assert.Equal(["events[1].registrationId"], ex.Errors.Keys);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await LoadAsync(mine)).Status);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await LoadAsync(theirs)).Status);
        await using var db = database.CreateDbContext(mine.AccountId);
        Assert.False(await db.Set<ProcessedSittingEvent>().AnyAsync());
    }

    [Fact]
    public async Task AQuestionOfAnotherSubjectIsRefusedNamingTheField()
    {
        var (registration, _) = await NewRegistrationAsync();
        var other = await _world.SubjectAsync("Python");
        var t = SittingBegan;

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() =>
            RecordAsync(registration.AccountId, Started(registration.Id, t), Answer(registration.Id, other.Questions[0].Id, "A", t, 5)));

        Assert.False(ex.NotFound);
        Assert.Equal(["events[1].questionId"], ex.Errors.Keys);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await LoadAsync(registration)).Status);
    }

    [Fact]
    public async Task AnInvalidBatchNamesEveryBadField()
    {
        var (registration, _) = await NewRegistrationAsync();
        var bad = new SittingEvent { EventId = " ", Type = "sittingPaused", RegistrationId = registration.Id };
        var answer = new SittingEvent { EventId = "a", Type = SittingEventTypes.AnswerRecorded, OccurredAt = database.Time.GetUtcNow(), TimeSpentSeconds = -1 };
        var incident = new SittingEvent { EventId = "i", Type = SittingEventTypes.ProctoringIncident, RegistrationId = registration.Id, OccurredAt = database.Time.GetUtcNow(), IncidentKind = "3" };

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() => RecordAsync(registration.AccountId, bad, answer, incident));

        Assert.Equal(
            ["events[0].eventId", "events[0].occurredAt", "events[0].type", "events[1].questionId", "events[1].registrationId",
             "events[1].timeSpentSeconds", "events[2].incidentKind"],
            ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryAppliedChangeIsPublishedToTheAccountsFeedAfterCommit()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        var feed = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>();
        // The order is the publisher's (taken before the subscriber's own await); the status is what the database says then.
        var kinds = new List<string>();
        var statuses = new List<RegistrationStatus>();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe(registration.AccountId, async change =>
        {
            lock (kinds)
            {
                kinds.Add(change.Kind);
            }

            await using var db = database.CreateDbContext(registration.AccountId);
            var status = await db.Registrations.Where(r => r.Id == change.RegistrationId).Select(r => r.Status).SingleAsync();
            lock (statuses)
            {
                statuses.Add(status);
                if (statuses.Count == 3)
                {
                    allSeen.TrySetResult();
                }
            }
        });

        await RecordAsync(registration.AccountId, Started(registration.Id, t),
            Answer(registration.Id, subject.Questions[0].Id, "A", t.AddMinutes(1), 60), Completed(registration.Id, t.AddMinutes(2)),
            Completed(registration.Id, t.AddMinutes(3)));
        await allSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([SittingChangeKinds.Started, SittingChangeKinds.AnswerRecorded, SittingChangeKinds.Completed], kinds);
        Assert.All(statuses, s => Assert.Equal(RegistrationStatus.Completed, s));
    }

    [Fact]
    public async Task ConcurrentBatchesForOneRegistrationAllApply()
    {
        var (registration, subject) = await NewRegistrationAsync(questionsPerSkill: 10);
        var t = SittingBegan;
        await RecordAsync(registration.AccountId, Started(registration.Id, t));

        await Task.WhenAll(subject.Questions.Select((q, i) =>
            RecordAsync(registration.AccountId, Answer(registration.Id, q.Id, "A", t.AddSeconds(i + 1), 10))));

        var saved = await LoadAsync(registration);
        Assert.Equal(subject.Questions.Count, saved.Responses.Count);
        Assert.Equal(Enumerable.Range(1, subject.Questions.Count), saved.Responses.Select(r => r.Order).Order());
    }

    [Fact]
    public async Task TheSameBatchDeliveredFiveTimesAtOnceIsAppliedOnce()
    {
        var (registration, subject) = await NewRegistrationAsync();
        var t = SittingBegan;
        SittingEvent[] batch =
        [
            Started(registration.Id, t), Answer(registration.Id, subject.Questions[0].Id, "A", t.AddMinutes(1), 60),
            Answer(registration.Id, subject.Questions[1].Id, "B", t.AddMinutes(2), 60), Completed(registration.Id, t.AddMinutes(3)),
        ];

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RecordAsync(registration.AccountId, batch)));

        Assert.Equal((4, 16), (results.Sum(r => r.Applied), results.Sum(r => r.Duplicates)));
        var saved = await LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal([1, 2], saved.Responses.Select(r => r.Order).Order());
    }

    private async Task<(Registration Registration, Subject Subject)> NewRegistrationAsync(
        TestType type = TestType.Evaluation, int essays = 0, int questionsPerSkill = 3,
        RegistrationStatus status = RegistrationStatus.ToBeTaken, Action<Registration>? configure = null)
    {
        var account = await _world.AccountAsync();
        var group = await _world.GroupAsync(account);
        var candidate = await _world.CandidateAsync(group);
        var subject = await _world.SubjectAsync(essays: essays, questionsPerSkill: questionsPerSkill);
        var registration = await _world.RegistrationAsync(candidate, subject, status, type, configure: configure);
        return (registration, subject);
    }

    private async Task<SittingBatchResult> RecordAsync(int accountId, params SittingEvent[] events)
    {
        await using var scope = database.CreateScope(accountId);
        var recorder = scope.ServiceProvider.GetRequiredService<SittingRecorder>();
        return await recorder.RecordAsync(new SittingEventBatch { Events = [.. events] }, CancellationToken.None);
    }

    private async Task<Registration> LoadAsync(Registration registration)
    {
        await using var db = database.CreateDbContext(registration.AccountId);
        return await db.Registrations.IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Responses).Include(r => r.Incidents)
            .SingleAsync(r => r.Id == registration.Id);
    }

    internal static SittingEvent Started(int registrationId, DateTimeOffset at) =>
        new() { EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.SittingStarted, RegistrationId = registrationId, OccurredAt = at };

    internal static SittingEvent Completed(int registrationId, DateTimeOffset at) =>
        new() { EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.SittingCompleted, RegistrationId = registrationId, OccurredAt = at };

    internal static SittingEvent Answer(int registrationId, int questionId, string answer, DateTimeOffset at, int seconds) => new()
    {
        EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.AnswerRecorded, RegistrationId = registrationId, OccurredAt = at,
        QuestionId = questionId, Answer = answer, TimeSpentSeconds = seconds,
    };

    internal static SittingEvent Incident(int registrationId, string kind, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.ProctoringIncident, RegistrationId = registrationId, OccurredAt = at,
        IncidentKind = kind, Detail = "Seen by the proctor",
    };
}
