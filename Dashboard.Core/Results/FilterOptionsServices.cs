using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Results;

public static class FilterOptionsServices
{
    public static IServiceCollection AddFilterOptions(this IServiceCollection services)
    {
        services.AddScoped<FilterOptionsQuery>();
        return services;
    }
}
