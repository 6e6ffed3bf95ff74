namespace Dashboard.Core.Sittings;

/// <summary>The body of <c>POST /api/v1/sitting-events</c>: a batch of events reported by the test-delivery side.</summary>
public sealed class SittingEventBatch
{
    public List<SittingEvent>? Events { get; set; }
}

/// <summary>
/// One thing that happened during a sitting. Every property is nullable so that a missing field is a
/// validation error naming it (RFC 7807) rather than a silent default.
/// </summary>
public sealed class SittingEvent
{
    /// <summary>Unique per account, chosen by the sender (a GUID is fine); a repeated id is a no-op.</summary>
    public string? EventId { get; set; }

    /// <summary>One of <see cref="SittingEventTypes"/>.</summary>
    public string? Type { get; set; }
    public int? RegistrationId { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>answerRecorded: the question of the subject's item bank.</summary>
    public int? QuestionId { get; set; }

    /// <summary>answerRecorded: the candidate's answer (choice text, '|'-separated choices, number, essay, code).</summary>
    public string? Answer { get; set; }

    /// <summary>answerRecorded: seconds spent on the question.</summary>
    public int? TimeSpentSeconds { get; set; }

    /// <summary>proctoringIncident: an <see cref="Domain.IncidentKind"/> name (e.g. "tabSwitch").</summary>
    public string? IncidentKind { get; set; }

    /// <summary>proctoringIncident: free text from the proctoring system.</summary>
    public string? Detail { get; set; }
}

public static class SittingEventTypes
{
    public const string SittingStarted = "sittingStarted";
    public const string AnswerRecorded = "answerRecorded";
    public const string SittingCompleted = "sittingCompleted";
    public const string ProctoringIncident = "proctoringIncident";

    public static IReadOnlyList<string> All { get; } = [SittingStarted, AnswerRecorded, SittingCompleted, ProctoringIncident];
}

/// <summary>What happened to one event of a batch.</summary>
public enum SittingEventOutcomeKind
{
    /// <summary>The event changed the registration.</summary>
    Applied = 0,

    /// <summary>The event id was processed before (or earlier in the same batch): nothing done.</summary>
    Duplicate = 1,

    /// <summary>Valid but not applicable in the registration's state (e.g. an answer after completion): nothing done.</summary>
    Ignored = 2,
}

public sealed record SittingEventOutcome(string EventId, SittingEventOutcomeKind Outcome, string? Reason = null);

public sealed record SittingBatchResult(IReadOnlyList<SittingEventOutcome> Outcomes)
{
    public int Applied => Outcomes.Count(o => o.Outcome == SittingEventOutcomeKind.Applied);
    public int Duplicates => Outcomes.Count(o => o.Outcome == SittingEventOutcomeKind.Duplicate);
    public int Ignored => Outcomes.Count(o => o.Outcome == SittingEventOutcomeKind.Ignored);
}
