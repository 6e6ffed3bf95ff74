using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Core.Sittings.SittingRecording;

namespace Dashboard.Tests.Core.Sittings;

/// <summary>What a batch may not do, and what the recorder does with repeats, races, other accounts, proctoring incidents and the live feed.</summary>
public sealed class SittingBatchRulesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly SittingRecording _sittings = new(database);

    [Fact]
    public async Task AnAnswerAfterCompletionIsIgnoredAndReported()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).ToList();
        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t), Answer(registration.Id, q[0].Id, "A", t.AddMinutes(1), 60),
            Completed(registration.Id, t.AddMinutes(2)));
        var before = await _sittings.LoadAsync(registration);

        var result = await _sittings.RecordAsync(registration.AccountId, Answer(registration.Id, q[1].Id, "A", t.AddMinutes(3), 60));

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(SittingEventOutcomeKind.Ignored, outcome.Outcome);
        Assert.Contains("after completion", outcome.Reason, StringComparison.Ordinal);
        var after = await _sittings.LoadAsync(registration);
        Assert.Single(after.Responses);
        Assert.Equal(before.Score, after.Score);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task ADuplicateStartIsANoOp()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t));

        var again = await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t.AddMinutes(5)));

        Assert.Equal(1, again.Ignored);
        Assert.Equal(t, (await _sittings.LoadAsync(registration)).StartedAt);
    }

    [Fact]
    public async Task ReplayingABatchWithTheSameEventIdsChangesNothing()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();
        SittingEvent[] batch = [Started(registration.Id, t), Answer(registration.Id, q.Id, "A", t.AddMinutes(1), 60)];
        await _sittings.RecordAsync(registration.AccountId, batch);
        var before = await _sittings.LoadAsync(registration);

        var replay = await _sittings.RecordAsync(registration.AccountId, batch);

        Assert.Equal(2, replay.Duplicates);
        Assert.Equal(0, replay.Applied);
        var after = await _sittings.LoadAsync(registration);
        Assert.Equal(60, Assert.Single(after.Responses).TimeSpentSeconds);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task AnEventIdRepeatedInsideOneBatchIsCountedOnce()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        var q = subject.Questions.OrderBy(x => x.Order).First();
        var answer = Answer(registration.Id, q.Id, "A", t, 60);

        var result = await _sittings.RecordAsync(registration.AccountId, answer, answer);

        Assert.Equal((1, 1), (result.Applied, result.Duplicates));
        Assert.Equal(60, Assert.Single((await _sittings.LoadAsync(registration)).Responses).TimeSpentSeconds);
    }

    [Fact]
    public async Task ACancelledRegistrationNeverStarts()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync(status: RegistrationStatus.Cancelled);
        var t = _sittings.SittingBegan;

        var result = await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t), Completed(registration.Id, t.AddMinutes(1)));

        Assert.Equal(2, result.Ignored);
        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Cancelled, saved.Status);
        Assert.Null(saved.StartedAt);
    }

    [Fact]
    public async Task ProctoringIncidentsAreCountedAndPutTheSittingUpForReview()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync(configure: r => r.ProctoringProfile = ProctoringProfile.Video);
        var t = _sittings.SittingBegan;

        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t),
            Incident(registration.Id, "tabSwitch", t.AddMinutes(1)), Incident(registration.Id, "SecondPerson", t.AddMinutes(2)),
            Completed(registration.Id, t.AddMinutes(3)));

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(2, saved.IncidentCount);
        Assert.Equal(ProctoringStatus.PendingReview, saved.ProctoringStatus);
        Assert.Equal([(IncidentKind.TabSwitch, false), (IncidentKind.SecondPerson, true)],
            saved.Incidents.OrderBy(i => i.OccurredAt).Select(i => (i.Kind, i.IsSerious)));
    }

    [Fact]
    public async Task AProctoredSittingWithoutIncidentsIsValidatedOnCompletion()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync(configure: r => r.ProctoringProfile = ProctoringProfile.Video);
        var t = _sittings.SittingBegan;

        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t), Completed(registration.Id, t.AddMinutes(3)));

        Assert.Equal(ProctoringStatus.Validated, (await _sittings.LoadAsync(registration)).ProctoringStatus);
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFoundAndTheWholeBatchChangesNothing()
    {
        var (mine, _) = await _sittings.NewRegistrationAsync();
        var (theirs, _) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() =>
            _sittings.RecordAsync(mine.AccountId, Started(mine.Id, t), Started(theirs.Id, t)));

        Assert.True(ex.NotFound);
        Assert.Equal(["events[1].registrationId"], ex.Errors.Keys);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await _sittings.LoadAsync(mine)).Status);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await _sittings.LoadAsync(theirs)).Status);
        await using var db = database.CreateDbContext(mine.AccountId);
        Assert.False(await db.Set<ProcessedSittingEvent>().AnyAsync());
    }

    [Fact]
    public async Task AQuestionOfAnotherSubjectIsRefusedNamingTheField()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync();
        var other = await _sittings.World.SubjectAsync("Python");
        var t = _sittings.SittingBegan;

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() =>
            _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t), Answer(registration.Id, other.Questions[0].Id, "A", t, 5)));

        Assert.False(ex.NotFound);
        Assert.Equal(["events[1].questionId"], ex.Errors.Keys);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await _sittings.LoadAsync(registration)).Status);
    }

    [Fact]
    public async Task AnInvalidBatchNamesEveryBadField()
    {
        var (registration, _) = await _sittings.NewRegistrationAsync();
        var bad = new SittingEvent { EventId = " ", Type = "sittingPaused", RegistrationId = registration.Id };
        var answer = new SittingEvent { EventId = "a", Type = SittingEventTypes.AnswerRecorded, OccurredAt = database.Time.GetUtcNow(), TimeSpentSeconds = -1 };
        var incident = new SittingEvent { EventId = "i", Type = SittingEventTypes.ProctoringIncident, RegistrationId = registration.Id, OccurredAt = database.Time.GetUtcNow(), IncidentKind = "3" };

        var ex = await Assert.ThrowsAsync<SittingBatchRejectedException>(() => _sittings.RecordAsync(registration.AccountId, bad, answer, incident));

        Assert.Equal(
            ["events[0].eventId", "events[0].occurredAt", "events[0].type", "events[1].questionId", "events[1].registrationId",
             "events[1].timeSpentSeconds", "events[2].incidentKind"],
            ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryAppliedChangeIsPublishedToTheAccountsFeedAfterCommit()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
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

        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t),
            Answer(registration.Id, subject.Questions[0].Id, "A", t.AddMinutes(1), 60), Completed(registration.Id, t.AddMinutes(2)),
            Completed(registration.Id, t.AddMinutes(3)));
        await allSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([SittingChangeKinds.Started, SittingChangeKinds.AnswerRecorded, SittingChangeKinds.Completed], kinds);
        Assert.All(statuses, s => Assert.Equal(RegistrationStatus.Completed, s));
    }

    [Fact]
    public async Task ConcurrentBatchesForOneRegistrationAllApply()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync(questionsPerSkill: 10);
        var t = _sittings.SittingBegan;
        await _sittings.RecordAsync(registration.AccountId, Started(registration.Id, t));

        await Task.WhenAll(subject.Questions.Select((q, i) =>
            _sittings.RecordAsync(registration.AccountId, Answer(registration.Id, q.Id, "A", t.AddSeconds(i + 1), 10))));

        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(subject.Questions.Count, saved.Responses.Count);
        Assert.Equal(Enumerable.Range(1, subject.Questions.Count), saved.Responses.Select(r => r.Order).Order());
    }

    /// <summary>
    /// Batches of one account that start sittings in different groups, each batch meeting the groups in another order:
    /// every start moves two tally rows, so on PostgreSQL two such batches used to lock the same tally rows in opposite
    /// orders and one died of a deadlock (a 500 to the sender; seen in the scale-out bench at 4 senders).
    /// </summary>
    [Fact]
    public async Task ConcurrentBatchesStartingSittingsInManyGroupsAllApplyAndTheTalliesAgree()
    {
        var account = await _sittings.World.AccountAsync();
        var subject = await _sittings.World.SubjectAsync();
        var groups = new List<Group>();
        for (var g = 0; g < 4; g++)
        {
            groups.Add(await _sittings.World.GroupAsync(account, $"Group {g}"));
        }

        var t = _sittings.SittingBegan;
        for (var round = 0; round < 3; round++)
        {
            var batches = new List<SittingEvent[]>();
            for (var b = 0; b < 8; b++)
            {
                // Registrations made in this batch's group order, so their ids (the order EF writes them in) follow it.
                var order = (b % 2 == 0 ? groups : Enumerable.Reverse(groups)).Skip(b / 2 % 4).Concat((b % 2 == 0 ? groups : Enumerable.Reverse(groups)).Take(b / 2 % 4));
                var events = new List<SittingEvent>();
                foreach (var group in order)
                {
                    var registration = await _sittings.World.RegistrationAsync(await _sittings.World.CandidateAsync(group), subject, RegistrationStatus.ToBeTaken);
                    events.Add(Started(registration.Id, t));
                }

                batches.Add([.. events]);
            }

            var results = await Task.WhenAll(batches.Select(batch => _sittings.RecordAsync(account.Id, batch)));

            Assert.All(results, r => Assert.Equal(4, r.Applied));
        }

        await using var db = database.CreateDbContext(account.Id);
        var counted = await db.Registrations.GroupBy(r => new { r.GroupId, r.Status }).Select(g => new { g.Key.GroupId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var tallied = await db.Set<Dashboard.Core.Results.RegistrationTally>().Where(x => x.Count != 0)
            .GroupBy(x => new { x.GroupId, x.Status }).Select(g => new { g.Key.GroupId, g.Key.Status, Count = g.Sum(x => x.Count) }).ToListAsync();
        Assert.Equal(counted.OrderBy(c => c.GroupId).ThenBy(c => c.Status), tallied.OrderBy(c => c.GroupId).ThenBy(c => c.Status));
        Assert.Equal(96, counted.Where(c => c.Status == RegistrationStatus.InProgress).Sum(c => c.Count));
    }

    [Fact]
    public async Task TheSameBatchDeliveredFiveTimesAtOnceIsAppliedOnce()
    {
        var (registration, subject) = await _sittings.NewRegistrationAsync();
        var t = _sittings.SittingBegan;
        SittingEvent[] batch =
        [
            Started(registration.Id, t), Answer(registration.Id, subject.Questions[0].Id, "A", t.AddMinutes(1), 60),
            Answer(registration.Id, subject.Questions[1].Id, "B", t.AddMinutes(2), 60), Completed(registration.Id, t.AddMinutes(3)),
        ];

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _sittings.RecordAsync(registration.AccountId, batch)));

        Assert.Equal((4, 16), (results.Sum(r => r.Applied), results.Sum(r => r.Duplicates)));
        var saved = await _sittings.LoadAsync(registration);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal([1, 2], saved.Responses.Select(r => r.Order).Order());
    }
}
