using Dashboard.Core.Domain;

namespace Dashboard.Core.Bulk;

/// <summary>The eight group actions of the Results grid's "Group reports" menu.</summary>
public enum BulkKind
{
    GroupReport = 0,
    GroupProgressionReport = 1,
    AllIndividualReports = 2,
    AllIndividualProgressionReports = 3,
    AllCertificates = 4,
    SendReportsToCandidates = 5,
    SendCertificatesToCandidates = 6,
    SkillsFile = 7,
}

public enum BulkStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    CompletedWithFailures = 3,
    Failed = 4,
}

/// <summary>A group action asked for by an administrator, executed in the background by a Quartz job.</summary>
public sealed class BulkRequest : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public BulkKind Kind { get; set; }

    public int RequestedById { get; set; }
    public required string RequestedByEmail { get; set; }
    public required string RequestedByName { get; set; }

    public int GroupId { get; set; }
    public required string GroupName { get; set; }
    public int SubjectId { get; set; }
    public required string SubjectName { get; set; }

    /// <summary>"en" or "fr": documents and emails.</summary>
    public required string Language { get; set; }

    /// <summary>Completed within [PeriodFrom, PeriodTo], both days included.</summary>
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }

    public BulkStatus Status { get; set; }
    public int ItemsTotal { get; set; }
    public int ItemsDone { get; set; }
    public int ItemsFailed { get; set; }

    public string? OutputPath { get; set; }
    public string? OutputFileName { get; set; }
    public string? OutputContentType { get; set; }
    public long? OutputBytes { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How many times the request was started (the first run and every retry or resume).</summary>
    public int RunCount { get; set; }
    public string? Error { get; set; }

    public List<BulkItemFailure> Failures { get; set; } = [];

    public bool IsFinished => Status is BulkStatus.Completed or BulkStatus.CompletedWithFailures or BulkStatus.Failed;

    public static bool IsSendKind(BulkKind kind) => Kinds.BulkKinds.Find(kind)?.SendsToCandidates ?? false;

    public static bool ProducesFile(BulkKind kind) => !IsSendKind(kind);
}

/// <summary>One item (a candidate's document or email) that could not be produced or sent.</summary>
public sealed class BulkItemFailure : IAccountOwned
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public int BulkRequestId { get; set; }
    public int? CandidateId { get; set; }
    public int? RegistrationId { get; set; }
    public required string ItemName { get; set; }
    public required string Message { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum EmailSendStatus
{
    /// <summary>Written before the message is handed to SMTP; still Pending after a crash means "unknown".</summary>
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// The exactly-once guard of one candidate email: its key (request × candidate × kind) is unique, so a rerun
/// sees what was already sent and skips it.
/// </summary>
public sealed class EmailSend : IAccountOwned
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public int BulkRequestId { get; set; }
    public int CandidateId { get; set; }
    public int RegistrationId { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Recipient { get; set; }
    public EmailSendStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public static string KeyFor(int requestId, int candidateId, BulkKind kind) =>
        FormattableString.Invariant($"bulk:{requestId}:candidate:{candidateId}:{kind}");
}
