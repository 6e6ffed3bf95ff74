using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Sittings;

public static class SittingsServices
{
    /// <summary>The event recorder, API keys and the demo simulator (which idles unless <c>Demo:Simulator:Enabled</c>).</summary>
    public static IServiceCollection AddSittings(this IServiceCollection services)
    {
        services.AddScoped<SittingRecorder>();
        services.AddScoped<ApiKeyService>();
        services.AddOptions<DemoSimulatorOptions>()
            .BindConfiguration(DemoSimulatorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DemoSittingSimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoSittingSimulator>());
        return services;
    }
}
