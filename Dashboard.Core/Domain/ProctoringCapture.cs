namespace Dashboard.Core.Domain;

public enum CaptureKind
{
    Webcam = 0,
    Screen = 1,
    IdDocument = 2,
}

/// <summary>
/// One image uploaded by the proctoring side: a periodic webcam or screen capture, or the ID-document photo.
/// The bytes live in the blob store under <see cref="StorageKey"/>; this row is what the gallery lists.
/// </summary>
public sealed class ProctoringCapture : IAccountOwned
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>The uploader's id: one capture per id and account (uploads are idempotent by it).</summary>
    public required string CaptureId { get; set; }
    public CaptureKind Kind { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string StorageKey { get; set; }

    /// <summary>Flagged as anomalous by the proctoring side (another person, gaze off screen…).</summary>
    public bool Suspicious { get; set; }
    public string? SuspicionReason { get; set; }
}

/// <summary>The reviewer's side of a proctored sitting: comment, the explanation asked of the candidate, the decision.</summary>
public sealed class ProctoringReview : IAccountOwned
{
    public int RegistrationId { get; set; }
    public int AccountId { get; set; }
    public string? ReviewerComment { get; set; }
    public DateTimeOffset? ExplanationRequestedAt { get; set; }
    public string? ExplanationRequestedBy { get; set; }

    /// <summary>Identifies the latest request: a token carries it, so an older link or a second submission is refused.</summary>
    public Guid? ExplanationRequestId { get; set; }
    public string? CandidateExplanation { get; set; }
    public DateTimeOffset? ExplanationReceivedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}
