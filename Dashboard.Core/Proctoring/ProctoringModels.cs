using Dashboard.Core.Domain;

namespace Dashboard.Core.Proctoring;

/// <summary>The proctoring grid's filters; an immutable record so it round-trips through the URL.</summary>
public sealed record ProctoringFilter(ProctoringProfile? Profile = null, ProctoringStatus? Status = null, IncidentKind? Incident = null);

public sealed record ProctoringRow(int Id, string FullName, string SubjectName, TestType TestType, DateTimeOffset? SittingDate,
    ProctoringProfile Profile, ProctoringStatus Status, int IncidentCount, IReadOnlyList<IncidentKind> IncidentKinds, Guid Version);

public sealed record ProctoringPage(IReadOnlyList<ProctoringRow> Rows, int Total);

public sealed record IncidentLine(long Id, IncidentKind Kind, DateTimeOffset OccurredAt, int? DurationSeconds, string? Detail, bool Serious);

/// <summary>What the Protocol review dialog shows for one sitting.</summary>
public sealed record ProctoringReviewSheet(int RegistrationId, string FullName, string? CandidateEmail, string SubjectName, TestType TestType,
    DateTimeOffset? SittingDate, ProctoringProfile Profile, ProctoringStatus Status, IReadOnlyList<IncidentLine> Incidents,
    string? ReviewerComment, DateTimeOffset? ExplanationRequestedAt, string? ExplanationRequestedBy, string? CandidateExplanation,
    DateTimeOffset? ExplanationReceivedAt, DateTimeOffset? DecidedAt, string? DecidedBy, Guid Version);

public sealed record CaptureSummary(long Id, CaptureKind Kind, DateTimeOffset TakenAt, bool Suspicious, string? Reason, int Width, int Height);

/// <summary>A sitting as the reviewer saw it when deciding: its id and the version it was loaded at.</summary>
public sealed record SittingVersion(int RegistrationId, Guid Version);

public sealed record DecisionOutcome(int Decided, int CertificatesIssued, int CertificatesRevoked, IReadOnlyList<SittingVersion> NewVersions);

/// <summary>Another reviewer changed a sitting since it was loaded; nothing was saved.</summary>
public sealed class ProctoringConflictException(string message) : Exception(message);

/// <summary>A served image: its bytes and type.</summary>
public sealed record CaptureImage(Stream Content, string ContentType);
