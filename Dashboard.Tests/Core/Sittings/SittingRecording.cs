using Dashboard.Core.Domain;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Sittings;

/// <summary>
/// What the sitting recorder's tests share: a registration to play a sitting on, the recorder called as the API
/// calls it, the registration read back, and the events a delivery platform sends.
/// </summary>
public sealed class SittingRecording(TestDatabase database)
{
    private readonly WorldBuilder _world = new(database);

    public WorldBuilder World => _world;

    /// <summary>An hour before the server's time: the events of a whole sitting then lie in the past, as they must.</summary>
    public DateTimeOffset SittingBegan => database.Time.GetUtcNow().AddHours(-1);

    public async Task<(Registration Registration, Subject Subject)> NewRegistrationAsync(
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

    public async Task<SittingBatchResult> RecordAsync(int accountId, params SittingEvent[] events)
    {
        await using var scope = database.CreateScope(accountId);
        var recorder = scope.ServiceProvider.GetRequiredService<SittingRecorder>();
        return await recorder.RecordAsync(new SittingEventBatch { Events = [.. events] }, CancellationToken.None);
    }

    public async Task<Registration> LoadAsync(Registration registration)
    {
        await using var db = database.CreateDbContext(registration.AccountId);
        return await db.Registrations.IgnoreQueryFilters().AsNoTracking()
            .Include(r => r.Responses).Include(r => r.Incidents)
            .SingleAsync(r => r.Id == registration.Id);
    }

    public static SittingEvent Started(int registrationId, DateTimeOffset at) =>
        new() { EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.SittingStarted, RegistrationId = registrationId, OccurredAt = at };

    public static SittingEvent Completed(int registrationId, DateTimeOffset at) =>
        new() { EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.SittingCompleted, RegistrationId = registrationId, OccurredAt = at };

    public static SittingEvent Answer(int registrationId, int questionId, string answer, DateTimeOffset at, int seconds) => new()
    {
        EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.AnswerRecorded, RegistrationId = registrationId, OccurredAt = at,
        QuestionId = questionId, Answer = answer, TimeSpentSeconds = seconds,
    };

    public static SittingEvent Incident(int registrationId, string kind, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid().ToString(), Type = SittingEventTypes.ProctoringIncident, RegistrationId = registrationId, OccurredAt = at,
        IncidentKind = kind, Detail = "Seen by the proctor",
    };
}

