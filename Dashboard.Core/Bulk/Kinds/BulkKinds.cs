using System.Collections.Frozen;

namespace Dashboard.Core.Bulk.Kinds;

/// <summary>The descriptor of every bulk kind, declared once; the runner, the names and the messages ask it.</summary>
internal static class BulkKinds
{
    private static readonly FrozenDictionary<BulkKind, BulkKindDescriptor> ByKind = new BulkKindDescriptor[]
    {
        new(BulkKind.GroupReport, BulkDelivery.SingleFile)
        {
            ProduceForRequest = (documents, request, ct) => documents.GroupReportAsync(request, ct),
        },
        new(BulkKind.GroupProgressionReport, BulkDelivery.SingleFile)
        {
            MinimumTests = 2,
            ProduceForRequest = (documents, request, ct) => documents.GroupProgressionReportAsync(request, ct),
        },
        new(BulkKind.SkillsFile, BulkDelivery.SingleFile)
        {
            ProduceForRequest = (documents, request, ct) => documents.SkillsFileAsync(request, ct),
        },
        new(BulkKind.AllIndividualReports, BulkDelivery.Zip)
        {
            ProduceForItem = IndividualReport,
        },
        new(BulkKind.AllIndividualProgressionReports, BulkDelivery.Zip)
        {
            MinimumTests = 2,
            ProduceForItem = (documents, request, item, ct) =>
                documents.IndividualProgressionReportAsync(item.CandidateId, request.SubjectId, request.Language, ct),
            ItemFileKey = "File.Progression",
            ZipLabelKey = "Bulk.Zip.Progressions",
        },
        new(BulkKind.AllCertificates, BulkDelivery.Zip)
        {
            IsCertificate = true,
            ProduceForItem = Certificate,
            ItemFileKey = "File.Certificate",
            ZipLabelKey = "Bulk.Zip.Certificates",
        },
        new(BulkKind.SendReportsToCandidates, BulkDelivery.EmailToCandidates)
        {
            ProduceForItem = IndividualReport,
        },
        new(BulkKind.SendCertificatesToCandidates, BulkDelivery.EmailToCandidates)
        {
            IsCertificate = true,
            ProduceForItem = Certificate,
            ItemFileKey = "File.Certificate",
        },
    }.ToFrozenDictionary(d => d.Kind);

    public static IReadOnlyCollection<BulkKindDescriptor> All => ByKind.Values;

    public static BulkKindDescriptor? Find(BulkKind kind) => ByKind.GetValueOrDefault(kind);

    public static BulkKindDescriptor Of(BulkKind kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "This bulk kind has no descriptor.");

    private static Task<Documents.GeneratedFile> IndividualReport(Documents.IDocumentService documents, BulkRequest request, BulkItem item,
        CancellationToken ct) => documents.IndividualReportAsync(item.RegistrationId, request.Language, ct);

    private static Task<Documents.GeneratedFile> Certificate(Documents.IDocumentService documents, BulkRequest request, BulkItem item,
        CancellationToken ct) => documents.CertificateAsync(item.RegistrationId, request.Language, ct);
}
