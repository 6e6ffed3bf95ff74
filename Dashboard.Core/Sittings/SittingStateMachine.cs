using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Sittings;

/// <summary>Kinds of <see cref="Live.ResultsChange"/> published by the recorder.</summary>
public static class SittingChangeKinds
{
    public const string Started = "sitting.started";
    public const string AnswerRecorded = "sitting.answer";
    public const string Completed = "sitting.completed";
    public const string PendingGrading = "sitting.pendingGrading";
    public const string Incident = "sitting.incident";
}

internal readonly record struct Transition(SittingEventOutcomeKind Outcome, string? Reason, string? ChangeKind)
{
    public static Transition Applied(string changeKind) => new(SittingEventOutcomeKind.Applied, null, changeKind);

    public static Transition Ignored(string reason) => new(SittingEventOutcomeKind.Ignored, reason, null);
}

/// <summary>
/// The registration status machine for sitting events: ToBeTaken → InProgress → Completed | PendingGrading.
/// Never leaves Cancelled; an event that does not fit the current status is ignored with a reason,
/// so late, repeated or out-of-order events cannot corrupt a registration.
/// </summary>
internal static class SittingStateMachine
{
    public static Transition Apply(DashboardDbContext db, Registration registration, Subject subject, SittingEvent e)
    {
        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return Transition.Ignored("The registration is cancelled.");
        }

        var at = e.OccurredAt!.Value;
        return e.Type switch
        {
            SittingEventTypes.SittingStarted => Start(registration, at),
            SittingEventTypes.AnswerRecorded => RecordAnswer(registration, e, at),
            SittingEventTypes.SittingCompleted => Complete(registration, subject, at),
            SittingEventTypes.ProctoringIncident => RecordIncident(db, registration, e, at),
            _ => throw new InvalidOperationException($"Unvalidated event type {e.Type}."),
        };
    }

    private static bool IsFinished(Registration r) => r.Status is RegistrationStatus.Completed or RegistrationStatus.PendingGrading;

    private static Transition Start(Registration registration, DateTimeOffset at)
    {
        if (registration.Status == RegistrationStatus.InProgress)
        {
            return Transition.Ignored("The sitting has already started.");
        }

        if (IsFinished(registration))
        {
            return Transition.Ignored("The sitting is already completed.");
        }

        BeginSitting(registration, at);
        return Transition.Applied(SittingChangeKinds.Started);
    }

    private static void BeginSitting(Registration registration, DateTimeOffset startedAt)
    {
        registration.Status = RegistrationStatus.InProgress;
        registration.StartedAt = startedAt;
    }

    private static Transition RecordAnswer(Registration registration, SittingEvent e, DateTimeOffset at)
    {
        if (IsFinished(registration))
        {
            return Transition.Ignored("The sitting is already completed: an answer after completion is not recorded.");
        }

        var timeSpent = e.TimeSpentSeconds!.Value;
        if (registration.Status == RegistrationStatus.ToBeTaken)
        {
            // The start event is late or lost: an answer proves the sitting started, at the latest when the question was shown.
            BeginSitting(registration, at.AddSeconds(-timeSpent));
        }

        var existing = registration.Responses.Find(r => r.QuestionId == e.QuestionId);
        if (existing is not null)
        {
            // The candidate came back to the question: the last answer counts, the time adds up.
            existing.Answer = e.Answer;
            existing.TimeSpentSeconds += timeSpent;
        }
        else
        {
            registration.Responses.Add(new Response
            {
                RegistrationId = registration.Id,
                QuestionId = e.QuestionId!.Value,
                Order = registration.Responses.Count == 0 ? 1 : registration.Responses.Max(r => r.Order) + 1,
                Answer = e.Answer,
                TimeSpentSeconds = timeSpent,
            });
        }

        return Transition.Applied(SittingChangeKinds.AnswerRecorded);
    }

    private static Transition Complete(Registration registration, Subject subject, DateTimeOffset at)
    {
        if (IsFinished(registration))
        {
            return Transition.Ignored("The sitting is already completed.");
        }

        if (registration.Status == RegistrationStatus.ToBeTaken)
        {
            // Completion before the start: the start is implied, as long ago as the answers took.
            BeginSitting(registration, at.AddSeconds(-registration.Responses.Sum(r => r.TimeSpentSeconds)));
        }

        registration.CompletedAt = at;
        registration.DurationSeconds = (int)Math.Max(0, Math.Round((at - registration.StartedAt!.Value).TotalSeconds));
        var questions = subject.Questions.ToDictionary(q => q.Id);
        foreach (var response in registration.Responses)
        {
            response.Points = ScoreCalculator.AutoGrade(questions[response.QuestionId], response.Answer);
        }

        // Adaptive subjects: the ability after each item is the calibration curve of the analysis page.
        AbilityEstimator.Apply(subject, registration.Responses);

        if (registration.ProctoringProfile != ProctoringProfile.None && registration.ProctoringStatus == ProctoringStatus.NotApplicable)
        {
            registration.ProctoringStatus = registration.IncidentCount > 0 ? ProctoringStatus.PendingReview : ProctoringStatus.Validated;
        }

        if (registration.Responses.Exists(r => questions[r.QuestionId].ManuallyGraded))
        {
            // A grader scores the essays and code; the overall score waits for them.
            registration.Status = RegistrationStatus.PendingGrading;
            registration.Score = null;
            registration.Level = null;
            return Transition.Applied(SittingChangeKinds.PendingGrading);
        }

        var result = ScoreCalculator.Compute(subject, registration.Responses);
        registration.Status = RegistrationStatus.Completed;
        registration.Score = result.Score;
        registration.Level = result.Level;
        Documents.CertificateIssuer.Reevaluate(registration, subject, at);

        return Transition.Applied(SittingChangeKinds.Completed);
    }

    private static Transition RecordIncident(DashboardDbContext db, Registration registration, SittingEvent e, DateTimeOffset at)
    {
        if (registration.Status == RegistrationStatus.ToBeTaken)
        {
            BeginSitting(registration, at);
        }

        // Incidents may be reported after completion (video analysed later): they are still recorded for review.
        var kind = SittingEventValidator.ParseIncidentKind(e.IncidentKind)!.Value;
        db.ProctoringIncidents.Add(new ProctoringIncident
        {
            RegistrationId = registration.Id,
            Kind = kind,
            OccurredAt = at,
            Detail = e.Detail,
            IsSerious = kind is IncidentKind.SecondPerson or IncidentKind.NoFaceDetected,
        });
        registration.IncidentCount++;
        if (registration.ProctoringStatus is ProctoringStatus.NotApplicable or ProctoringStatus.Validated)
        {
            registration.ProctoringStatus = ProctoringStatus.PendingReview;
        }

        return Transition.Applied(SittingChangeKinds.Incident);
    }
}
