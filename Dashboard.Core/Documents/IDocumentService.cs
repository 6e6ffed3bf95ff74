using Dashboard.Core.Results;

namespace Dashboard.Core.Documents;

/// <summary>A generated download.</summary>
public sealed record GeneratedFile(string FileName, string ContentType, byte[] Content);

/// <summary>A group × test × period, in a language ("en" or "fr").</summary>
public sealed record GroupReportRequest(int GroupId, int SubjectId, DateOnly From, DateOnly To, string Language);

/// <summary>
/// Every document of the product. Account-scoped through the caller's AccountScope: another account's
/// id throws NotFoundException. Languages are "en" and "fr".
/// </summary>
public interface IDocumentService
{
    Task<GeneratedFile> IndividualReportAsync(int registrationId, string language, CancellationToken cancellationToken = default);

    /// <summary>Initial vs final test of the candidate on the subject (the registration's candidate and subject).</summary>
    Task<GeneratedFile> IndividualProgressionReportAsync(int candidateId, int subjectId, string language, CancellationToken cancellationToken = default);

    /// <summary>The progression report of the registration's candidate on the registration's subject.</summary>
    Task<GeneratedFile> ProgressionReportForRegistrationAsync(int registrationId, string language, CancellationToken cancellationToken = default);

    /// <summary>Only for validated certifications; otherwise NotFoundException.</summary>
    Task<GeneratedFile> CertificateAsync(int registrationId, string language, CancellationToken cancellationToken = default);

    Task<GeneratedFile> AttestationAsync(int registrationId, string language, CancellationToken cancellationToken = default);

    /// <summary>One attestation per registration, as a ZIP written entry by entry; every id is checked first (NotFoundException).</summary>
    Task AttestationsZipAsync(IReadOnlyCollection<int> registrationIds, string language, Stream output, CancellationToken cancellationToken = default);

    Task<GeneratedFile> GroupReportAsync(GroupReportRequest request, CancellationToken cancellationToken = default);

    Task<GeneratedFile> GroupProgressionReportAsync(GroupReportRequest request, CancellationToken cancellationToken = default);

    Task<GeneratedFile> SkillsFileAsync(GroupReportRequest request, CancellationToken cancellationToken = default);

    /// <summary>The rows of the filter, streamed as .xlsx to <paramref name="output"/> (synchronous writes: a file or memory stream).</summary>
    Task ExportResultsAsync(ResultsFilter filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>The same, with headers and labels in <paramref name="language"/>, rows in the grid's order (a whitelisted sort key; null: the default order).</summary>
    Task ExportResultsAsync(ResultsFilter filter, string language, Stream output, string? sortKey = null, bool descending = true,
        CancellationToken cancellationToken = default);
}
