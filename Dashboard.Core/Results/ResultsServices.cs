using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Results;

public static class ResultsServices
{
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddScoped<IResultsQuery, ResultsQuery>();
        services.AddSingleton<PageAnchors>();
        return services;
    }
}
