using Dashboard.Core.Domain;

namespace Dashboard.Core.Results;

/// <summary>
/// What the administrator is looking at. Immutable: value equality makes it a safe URL and cache key.
/// The grid, the Excel export and the group bulk jobs all apply it through <see cref="IResultsQuery"/>.
/// </summary>
public sealed record ResultsFilter
{
    /// <summary>Free text: last name, first name, email, test name or registration ID. Always plain text.</summary>
    public string? Search { get; init; }
    public RegistrationStatus? Status { get; init; }
    public TestType? TestType { get; init; }

    /// <summary>One group, including its sub-groups.</summary>
    public int? GroupId { get; init; }
    public int? SessionId { get; init; }
    public int? SubjectId { get; init; }

    /// <summary>Off by default: candidates of archived groups are hidden.</summary>
    public bool IncludeArchivedGroups { get; init; }

    /// <summary>Preset views ("Today's results"): sittings that started or completed in [From, To).</summary>
    public DateTimeOffset? ActivityFrom { get; init; }
    public DateTimeOffset? ActivityTo { get; init; }

    /// <summary>Group reports' period: completed in [From, To).</summary>
    public DateTimeOffset? CompletedFrom { get; init; }
    public DateTimeOffset? CompletedTo { get; init; }

    /// <summary>Sitting attestations: only sittings that were taken (submitted or completed).</summary>
    public bool TakenOnly { get; init; }

    /// <summary>Certificates: only validated certifications (the diploma's own rule).</summary>
    public bool ValidatedCertificatesOnly { get; init; }

    /// <summary>Certificates: numbers starting with this ("RD-2026-00012").</summary>
    public string? CertificateNumber { get; init; }

    public static ResultsFilter Default { get; } = new();
}

public static class ResultsSortKeys
{
    public const string Id = "id";
    public const string Group = "group";
    public const string Name = "name";
    public const string Test = "test";
    public const string Result = "result";
    public const string Status = "status";
    public const string StartedAt = "started";
    public const string CompletedAt = "completed";

    public static IReadOnlyList<string> All { get; } = [Id, Group, Name, Test, Result, Status, StartedAt, CompletedAt];

    /// <summary>The <see cref="ResultRow"/> property each key orders by: a grid column sorts by the key of the property it shows.</summary>
    private static readonly Dictionary<string, string> KeyOfProperty = new(StringComparer.Ordinal)
    {
        [nameof(ResultRow.Id)] = Id,
        [nameof(ResultRow.GroupName)] = Group,
        [nameof(ResultRow.LastName)] = Name,
        [nameof(ResultRow.SubjectName)] = Test,
        [nameof(ResultRow.Score)] = Result,
        [nameof(ResultRow.Status)] = Status,
        [nameof(ResultRow.StartedAt)] = StartedAt,
        [nameof(ResultRow.CompletedAt)] = CompletedAt,
    };

    /// <summary>The sort key of a <see cref="ResultRow"/> property, or null when the grid cannot sort by it.</summary>
    public static string? OfProperty(string? propertyName) =>
        propertyName is not null && KeyOfProperty.TryGetValue(propertyName, out var key) ? key : null;
}

public sealed record ResultsPageRequest(ResultsFilter Filter, string? SortKey = null, bool Descending = true, int Page = 0, int PageSize = 25)
{
    /// <summary>The bounds of the page on screen (<see cref="ResultsPage.Bounds"/>): the next or previous page is read from them.</summary>
    public ResultsPageBounds? From { get; init; }

    /// <summary>Count every row ("count exactly") instead of stopping at <see cref="ResultsPage.CountCap"/>.</summary>
    public bool ExactCount { get; init; }
}

public sealed record ResultsPage(IReadOnlyList<ResultRow> Rows, int TotalCount)
{
    /// <summary>A count that needs the registrations themselves (a search, a period) stops here unless asked to count exactly.</summary>
    public const int CountCap = 10_000;

    /// <summary>The count stopped at <see cref="CountCap"/>: there are at least <see cref="TotalCount"/> rows ("10,000+ results").</summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>Where this page starts and ends, to pass as <see cref="ResultsPageRequest.From"/> for the next or previous page.</summary>
    public ResultsPageBounds? Bounds { get; init; }
}

/// <summary>One row of the Results grid (and of the Excel export).</summary>
public sealed record ResultRow
{
    public int Id { get; init; }
    public int CandidateId { get; init; }
    public int GroupId { get; init; }
    public required string GroupName { get; init; }
    public required string LastName { get; init; }
    public required string FirstName { get; init; }
    public required string Email { get; init; }
    public string? ExternalId { get; init; }
    public int SubjectId { get; init; }
    public required string SubjectName { get; init; }
    public TestType TestType { get; init; }
    public ScoreScale Scale { get; init; }
    public RegistrationStatus Status { get; init; }
    public double? Score { get; init; }
    public ScoreLevel? Level { get; init; }
    public int? GraderId { get; init; }
    public string? GraderName { get; init; }
    public int? SessionId { get; init; }
    public string? SessionName { get; init; }
    public ProctoringProfile ProctoringProfile { get; init; }
    public ProctoringStatus ProctoringStatus { get; init; }
    public int IncidentCount { get; init; }
    public bool CertificateValidated { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? CertificateNumber { get; init; }

    /// <summary>Questions answered so far; counted for sittings in progress only (0 otherwise).</summary>
    public int AnsweredCount { get; init; }
    public string? AdminComment { get; init; }
}

public interface IResultsQuery
{
    /// <summary>Filter → total count → sort (whitelisted key, Id tie-breaker) → page → rows. Bad search text is plain text, never an error.</summary>
    Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default);

    Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every row of the filter in sort order, streamed (Excel export, bulk jobs).</summary>
    IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false, CancellationToken cancellationToken = default);
}
