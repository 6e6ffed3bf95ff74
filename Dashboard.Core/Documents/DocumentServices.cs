using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Documents;

public static class DocumentServices
{
    /// <summary>PDF reports, certificates, attestations and Excel exports (needs IResultsQuery from the Results feature).</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        Pdf.EmbeddedFontResolver.EnsureInstalled();
        services.AddScoped<IDocumentService, DocumentService>();
        services.AddScoped<CertificateList>();
        services.AddScoped<AttestationList>();
        services.AddSingleton(sp => DocumentTempFiles.For(sp.GetRequiredService<IOptions<Bulk.BulkOptions>>()));
        services.AddHostedService<DocumentTempFilesCleanup>();
        return services;
    }
}
