using System.Globalization;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Sittings;

/// <summary>Checks a batch's shape before anything is read or written; errors are keyed by JSON path ("events[2].registrationId").</summary>
/// <remarks>
/// The sitting-events and capture APIs answer programs, not people: their messages (these, <see cref="SittingBatchRejectedException"/>,
/// <see cref="SittingEventTimeFormatException"/>, <see cref="Proctoring.UploadRejectedException"/>'s problem details) stay in English
/// on purpose, like the API's field names, whatever the caller's Accept-Language. Messages a person reads live in the
/// features' <c>*Errors.resx</c> in English and French.
/// </remarks>
public static class SittingEventValidator
{
    public const int MaxEventsPerBatch = 1000;
    public const int MaxEventIdLength = 100;
    public const int MaxAnswerLength = 20_000;
    public const int MaxDetailLength = 1000;
    public const int MaxTimeSpentSeconds = 24 * 3600;

    /// <summary>
    /// The clocks of the delivery side and of this server may differ by this much: an event may be stamped up to
    /// this far after the server's time, or before the registration was created. Anything further is implausible.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public const string TimeWindowRule =
        "An event's time must lie between 5 minutes before its registration was created and 5 minutes after the server's current time.";

    public static Dictionary<string, string[]> Validate(SittingEventBatch? batch, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        if (batch?.Events is not { Count: > 0 } events)
        {
            Add("events", "At least one event is required.");
        }
        else if (events.Count > MaxEventsPerBatch)
        {
            Add("events", $"A batch holds at most {MaxEventsPerBatch} events; this one has {events.Count}.");
        }
        else
        {
            for (var i = 0; i < events.Count; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"events[{i}]");
                if (events[i] is not { } e)
                {
                    Add(prefix, "The event is null.");
                    continue;
                }

                ValidateEvent(e, prefix, now, Add);
            }
        }

        return errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private static void ValidateEvent(SittingEvent e, string prefix, DateTimeOffset now, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(e.EventId))
        {
            add($"{prefix}.eventId", "The event id is required.");
        }
        else if (e.EventId.Length > MaxEventIdLength)
        {
            add($"{prefix}.eventId", $"The event id is at most {MaxEventIdLength} characters.");
        }

        if (e.RegistrationId is null)
        {
            add($"{prefix}.registrationId", "The registration id is required.");
        }
        else if (e.RegistrationId <= 0)
        {
            add($"{prefix}.registrationId", "The registration id must be positive.");
        }

        if (e.OccurredAt is null)
        {
            add($"{prefix}.occurredAt", "The time the event occurred is required (ISO 8601 with offset).");
        }
        else if (e.OccurredAt > now + ClockTolerance)
        {
            add($"{prefix}.occurredAt", string.Create(CultureInfo.InvariantCulture,
                $"{e.OccurredAt:O} is in the future (server time {now.ToUniversalTime():O}). {TimeWindowRule}"));
        }

        switch (e.Type)
        {
            case null or "":
                add($"{prefix}.type", $"The type is required: one of {string.Join(", ", SittingEventTypes.All)}.");
                break;
            case SittingEventTypes.SittingStarted or SittingEventTypes.SittingCompleted:
                break;
            case SittingEventTypes.AnswerRecorded:
                ValidateAnswer(e, prefix, add);
                break;
            case SittingEventTypes.ProctoringIncident:
                ValidateIncident(e, prefix, add);
                break;
            default:
                add($"{prefix}.type", $"Unknown type '{e.Type}': expected one of {string.Join(", ", SittingEventTypes.All)}.");
                break;
        }
    }

    private static void ValidateAnswer(SittingEvent e, string prefix, Action<string, string> add)
    {
        if (e.QuestionId is null)
        {
            add($"{prefix}.questionId", "The question id is required for answerRecorded.");
        }

        if (e.TimeSpentSeconds is null)
        {
            add($"{prefix}.timeSpentSeconds", "The time spent is required for answerRecorded.");
        }
        else if (e.TimeSpentSeconds is < 0 or > MaxTimeSpentSeconds)
        {
            add($"{prefix}.timeSpentSeconds", $"The time spent must be between 0 and {MaxTimeSpentSeconds} seconds.");
        }

        if (e.Answer is { Length: > MaxAnswerLength })
        {
            add($"{prefix}.answer", $"The answer is at most {MaxAnswerLength} characters.");
        }
    }

    private static void ValidateIncident(SittingEvent e, string prefix, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(e.IncidentKind))
        {
            add($"{prefix}.incidentKind", $"The incident kind is required for proctoringIncident: one of {KindNames}.");
        }
        else if (ParseIncidentKind(e.IncidentKind) is null)
        {
            add($"{prefix}.incidentKind", $"Unknown incident kind '{e.IncidentKind}': expected one of {KindNames}.");
        }

        if (e.Detail is { Length: > MaxDetailLength })
        {
            add($"{prefix}.detail", $"The detail is at most {MaxDetailLength} characters.");
        }
    }

    /// <summary>Accepts the enum's names in any case ("tabSwitch", "TabSwitch"); numbers are refused.</summary>
    public static IncidentKind? ParseIncidentKind(string? value) =>
        !string.IsNullOrEmpty(value) && char.IsLetter(value[0]) && Enum.TryParse<IncidentKind>(value, ignoreCase: true, out var kind)
            && Enum.IsDefined(kind)
            ? kind
            : null;

    private static string KindNames =>
        string.Join(", ", Enum.GetNames<IncidentKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
}

/// <summary>The batch was refused before any change: <see cref="Errors"/> maps JSON paths to messages.</summary>
public sealed class SittingBatchRejectedException(IDictionary<string, string[]> errors, bool notFound = false)
    : Exception(notFound ? "Unknown registration." : "The batch is invalid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>True when the batch names a registration that does not exist in the account (→ 404).</summary>
    public bool NotFound { get; } = notFound;
}
