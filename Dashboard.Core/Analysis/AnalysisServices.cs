using Dashboard.Core.DashboardMetrics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Analysis;

public static class AnalysisServices
{
    /// <summary>The analysis page's query and the Dashboard sub-page's query (one feature: results insight).</summary>
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddScoped<ResultAnalysisQuery>();
        services.AddScoped<DashboardQuery>();
        return services;
    }
}
