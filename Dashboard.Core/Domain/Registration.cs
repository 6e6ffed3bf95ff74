namespace Dashboard.Core.Domain;

/// <summary>One candidate × subject × test type [× session]: a row of the Results grid.</summary>
public sealed class Registration : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int CandidateId { get; set; }
    public Candidate? Candidate { get; set; }

    /// <summary>The candidate's group when registered (denormalised: the grid filters and sorts on it).</summary>
    public int GroupId { get; set; }
    public Group? Group { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }
    public TestType TestType { get; set; }
    public int? SessionId { get; set; }
    public TestSession? Session { get; set; }
    public int? CreditPackId { get; set; }

    public RegistrationStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? DurationSeconds { get; set; }

    /// <summary>Score on the subject's scale (1–1000 or 0–100); null until scored.</summary>
    public double? Score { get; set; }
    public ScoreLevel? Level { get; set; }

    public int? GraderId { get; set; }
    public Administrator? Grader { get; set; }
    public DateTimeOffset? GraderAssignedAt { get; set; }

    public ProctoringProfile ProctoringProfile { get; set; }
    public ProctoringStatus ProctoringStatus { get; set; }
    public int IncidentCount { get; set; }

    /// <summary>Set when a certification is validated (score at threshold, sitting not invalid).</summary>
    public bool CertificateValidated { get; set; }
    public string? CertificateNumber { get; set; }
    public string? CertificateVerificationCode { get; set; }

    public string? ExternalId { get; set; }
    public string? AdminComment { get; set; }

    /// <summary>"Last first" folded to lower case without accents: the grid's name sort key and short-search prefix. Set it with <see cref="Results.TextFold.SortName"/>.</summary>
    public string SortName { get; set; } = "";

    /// <summary>Optimistic concurrency token, renewed on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<Response> Responses { get; set; } = [];
    public List<ProctoringIncident> Incidents { get; set; } = [];
}

/// <summary>One answered question of a sitting.</summary>
public sealed class Response
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public int Order { get; set; }
    public string? Answer { get; set; }

    /// <summary>Points awarded; null while a manually graded answer is not graded yet.</summary>
    public double? Points { get; set; }
    public int TimeSpentSeconds { get; set; }

    /// <summary>Adaptive tests: ability (logits) and its standard error after this answer.</summary>
    public double? AbilityAfter { get; set; }
    public double? AbilityStandardError { get; set; }

    public int? GradedById { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    public string? GraderComment { get; set; }

    /// <summary>Grading screen: the grade was confirmed but the whole set not saved yet (draft).</summary>
    public bool GradeConfirmed { get; set; }
}

public sealed class ProctoringIncident
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public IncidentKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>How long it lasted (exit full screen for 74 s), when the proctoring side reports it.</summary>
    public int? DurationSeconds { get; set; }
    public string? Detail { get; set; }
    public bool IsSerious { get; set; }
}
