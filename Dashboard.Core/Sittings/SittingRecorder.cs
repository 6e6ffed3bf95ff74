using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sittings;

/// <summary>
/// Applies sitting events to registrations with the status state machine, scores completed sittings
/// and publishes every change to the results feed. One batch is one transaction: either every event is
/// handled or, when the batch is refused, nothing changes. Idempotent by event id.
/// </summary>
public sealed class SittingRecorder(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AccountScope scope,
    TimeProvider time,
    IAccountFeed<ResultsChange> feed,
    ILogger<SittingRecorder> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>The first key of the PostgreSQL advisory lock that lines up one account's batches (the second is the account).</summary>
    private const int BatchLockClass = 0x5175;

    /// <summary>
    /// A concurrent writer got there first: a version token or an event id (DbUpdateException), or PostgreSQL chose this
    /// transaction as a deadlock's or a serialization's victim (which the Npgsql execution strategy wraps).
    /// </summary>
    private static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return exception is DbUpdateException;
    }

    /// <summary>Applies the batch for the scope's account.</summary>
    /// <exception cref="SittingBatchRejectedException">The batch is invalid or names an unknown registration; nothing was changed.</exception>
    public async Task<SittingBatchResult> RecordAsync(SittingEventBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        scope.Demand(Privileges.Owner);
        var errors = SittingEventValidator.Validate(batch, time.GetUtcNow());
        if (errors.Count > 0)
        {
            throw new SittingBatchRejectedException(errors);
        }

        var accountId = scope.RequireAccountId();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // First optimistically (reads outside the write lock, so concurrent batches overlap); after a conflict,
                // pessimistically: on SQLite the write lock is then taken before reading, so the retry cannot conflict.
                var (result, changes) = await RecordOnceAsync(accountId, batch.Events!, pessimistic: attempt > 1, cancellationToken);
                foreach (var change in changes)
                {
                    feed.Publish(change);
                }

                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                // A concurrent batch changed the same registration (its version token) or processed the same event id:
                // re-read and retry, which turns its events into duplicates or applies ours on top of its changes.
                logger.LogInformation(ex, "Sitting batch conflicted with a concurrent one (attempt {Attempt}); retrying.", attempt);
            }
        }
    }

    private async Task<(SittingBatchResult, List<ResultsChange>)> RecordOnceAsync(
        int accountId, List<SittingEvent> events, bool pessimistic, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Optimistic: SaveChanges writes everything in its own transaction. Pessimistic: on SQLite BEGIN takes the write
        // lock up front (BEGIN IMMEDIATE), so concurrent batches queue instead of conflicting.
        var postgres = db.Database.IsNpgsql();
        await using var transaction = pessimistic || postgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (postgres)
        {
            // One account's batches take turns. Each moves the account's tally rows (the triggers), in the order of its
            // registrations' ids: two batches overlapping met the same tally rows in opposite orders and one died of a
            // deadlock. They would wait on those rows for each other anyway; other accounts' batches still run alongside.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BatchLockClass}, {accountId})", cancellationToken);
        }

        if (pessimistic && postgres)
        {
            // The conflict came from another writer (grading, a cancellation, a decision), which takes no batch lock:
            // lock the registrations' rows (in id order) until this transaction ends, so this retry reads the latest
            // version and cannot lose to that writer again.
            foreach (var id in events.Select(e => e.RegistrationId!.Value).Distinct().Order())
            {
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Registrations\" WHERE \"Id\" = {id} FOR UPDATE", cancellationToken);
            }
        }

        var eventIds = events.Select(e => e.EventId!).Distinct().ToList();
        var processed = await db.Set<ProcessedSittingEvent>()
            .Where(p => eventIds.Contains(p.EventId))
            .Select(p => p.EventId)
            .ToListAsync(cancellationToken);
        var seen = processed.ToHashSet(StringComparer.Ordinal);

        var registrationIds = events.Select(e => e.RegistrationId!.Value).Distinct().ToList();
        var registrations = await db.Registrations
            .Include(r => r.Responses)
            .Where(r => registrationIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var subjectIds = registrations.Values.Select(r => r.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking()
            .Include(s => s.Questions)
            .Include(s => s.Skills)
            .Where(s => subjectIds.Contains(s.Id))
            .AsSplitQuery()
            .ToDictionaryAsync(s => s.Id, cancellationToken);

        RejectUnknownReferences(events, registrations, subjects);

        var now = time.GetUtcNow();
        var outcomes = new SittingEventOutcome[events.Count];
        var changes = new List<ResultsChange>();
        // Within a batch, the sender's clock decides the order: a completion listed before its answers still comes last.
        foreach (var (e, index) in events.Select((e, i) => (e, i)).OrderBy(x => x.e.OccurredAt!.Value).ThenBy(x => x.i))
        {
            if (!seen.Add(e.EventId!))
            {
                outcomes[index] = new SittingEventOutcome(e.EventId!, SittingEventOutcomeKind.Duplicate);
                continue;
            }

            var registration = registrations[e.RegistrationId!.Value];
            var transition = SittingStateMachine.Apply(db, registration, subjects[registration.SubjectId], e);
            outcomes[index] = new SittingEventOutcome(e.EventId!, transition.Outcome, transition.Reason);
            db.Add(new ProcessedSittingEvent
            {
                AccountId = accountId,
                EventId = e.EventId!,
                RegistrationId = registration.Id,
                Type = e.Type!,
                Outcome = transition.Outcome,
                ProcessedAt = now,
            });
            if (transition.Outcome == SittingEventOutcomeKind.Applied)
            {
                // Even an answer that leaves the registration row as it was renews its version: a concurrent batch on
                // the same sitting then fails its version check instead of numbering answers twice.
                db.Entry(registration).Property(r => r.Version).IsModified = true;
                changes.Add(new ResultsChange(accountId, registration.Id, transition.ChangeKind!, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return (new SittingBatchResult(outcomes), changes);
    }

    private static void RejectUnknownReferences(
        List<SittingEvent> events, Dictionary<int, Registration> registrations, Dictionary<int, Subject> subjects)
    {
        var notFound = new Dictionary<string, string[]>();
        var invalid = new Dictionary<string, string[]>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!registrations.TryGetValue(e.RegistrationId!.Value, out var registration))
            {
                notFound[$"events[{i}].registrationId"] = [$"Registration {e.RegistrationId} was not found."];
            }
            else if (e.OccurredAt < registration.RegisteredAt - SittingEventValidator.ClockTolerance)
            {
                invalid[$"events[{i}].occurredAt"] = [string.Create(CultureInfo.InvariantCulture,
                    $"{e.OccurredAt:O} is before registration {registration.Id} was created ({registration.RegisteredAt.ToUniversalTime():O}). {SittingEventValidator.TimeWindowRule}")];
            }
            else if (e.Type == SittingEventTypes.AnswerRecorded
                && !subjects[registration.SubjectId].Questions.Exists(q => q.Id == e.QuestionId))
            {
                invalid[$"events[{i}].questionId"] = [$"Question {e.QuestionId} is not part of the registration's subject."];
            }
        }

        if (notFound.Count > 0)
        {
            throw new SittingBatchRejectedException(notFound, notFound: true);
        }

        if (invalid.Count > 0)
        {
            throw new SittingBatchRejectedException(invalid);
        }
    }
}
