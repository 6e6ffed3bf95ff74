using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
