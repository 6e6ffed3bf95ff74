using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Proctoring;

public static class ProctoringServices
{
    public static IServiceCollection AddProctoring(this IServiceCollection services)
    {
        services.AddOptions<ProctoringOptions>().BindConfiguration(ProctoringOptions.Section).ValidateDataAnnotations();
        services.AddDataProtection();
        services.AddSingleton<IBlobStore, FileBlobStore>();
        services.AddScoped<ProctoringReviewService>();
        services.AddScoped<CaptureReader>();
        services.AddScoped<CaptureIngestion>();
        services.AddScoped<CandidateExplanations>();
        return services;
    }
}
