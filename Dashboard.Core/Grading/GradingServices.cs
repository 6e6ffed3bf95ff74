using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Grading;

public static class GradingServices
{
    public static IServiceCollection AddGrading(this IServiceCollection services)
    {
        services.AddScoped<GraderAssignment>();
        services.AddScoped<GradingQueue>();
        services.AddScoped<GradingService>();
        return services;
    }
}
