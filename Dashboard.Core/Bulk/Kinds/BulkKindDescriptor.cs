using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Core.Bulk.Kinds;

/// <summary>
/// Everything that differs between two bulk kinds: which rows of the group's results it keeps, what it produces
/// (one document per request or per candidate), how it names that and how it delivers it. The texts are keys of
/// the documents' strings table (<see cref="Documents.Localization.DocumentText"/>), never inline translations.
/// </summary>
internal sealed record BulkKindDescriptor(BulkKind Kind, BulkDelivery Delivery)
{
    /// <summary>Certificate kinds keep only validated certifications, and say "certificate" in names and emails.</summary>
    public bool IsCertificate { get; init; }

    /// <summary>Completed tests a candidate needs in the period to be included (a progression compares two).</summary>
    public int MinimumTests { get; init; } = 1;

    /// <summary>The one document of a <see cref="BulkDelivery.SingleFile"/> kind.</summary>
    public Func<IDocumentService, GroupReportRequest, CancellationToken, Task<GeneratedFile>>? ProduceForRequest { get; init; }

    /// <summary>The document of one candidate, for the ZIP and email kinds.</summary>
    public Func<IDocumentService, BulkRequest, BulkItem, CancellationToken, Task<GeneratedFile>>? ProduceForItem { get; init; }

    /// <summary>The word naming each candidate's file ("Doe Anne - Maths report.pdf").</summary>
    public string ItemFileKey { get; init; } = "File.Report";

    /// <summary>The word naming the ZIP ("Group - Maths - reports.zip").</summary>
    public string ZipLabelKey { get; init; } = "Bulk.Zip.Reports";

    public string NameKey => "BulkKind." + Kind;

    public string MenuKey => "BulkMenu." + Kind;

    public bool SendsToCandidates => Delivery == BulkDelivery.EmailToCandidates;

    public string NoCandidateKey => MinimumTests > 1 ? "Bulk.NoCandidateTwice" : "Bulk.NoCandidate";

    public string DocumentFailedKey => IsCertificate ? "Bulk.CertificateFailed" : "Bulk.ReportFailed";

    public string EmailSubjectKey => IsCertificate ? "Email.Subject.Certificate" : "Email.Subject.Report";

    /// <summary>Whether a row of the group's results is one this kind produces a document for.</summary>
    public bool Keeps(ResultRow row) => !IsCertificate || (row.TestType == TestType.Certification && row.CertificateValidated);

    /// <summary>What the progress counts: the candidates, or the one file of the request.</summary>
    public int ItemsTotal(int candidates) => Delivery == BulkDelivery.SingleFile ? 1 : candidates;
}
