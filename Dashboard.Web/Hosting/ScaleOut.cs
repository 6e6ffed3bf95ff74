using Dashboard.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Dashboard.Web.Hosting;

/// <summary>
/// What several nodes behind a load balancer need: health endpoints for the balancer, and (on PostgreSQL) Data
/// Protection keys in the database so a cookie or antiforgery token made by one node is read by every other.
/// </summary>
public static class ScaleOut
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag]);

        if (DatabaseProvider.IsPostgres(builder.Configuration["Database:Provider"]))
        {
            // PersistKeysToDbContext resolves the context itself from a scope.
            builder.Services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
            builder.Services.AddDataProtection()
                .SetApplicationName("ResultsDashboard")
                .PersistKeysToDbContext<DashboardDbContext>();
        }

        return builder;
    }

    /// <summary>/health/live: the process answers. /health/ready: it can also reach the database and its scheduler runs.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}

internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"Scheduler {await scheduler.GetSchedulerInstanceId(cancellationToken)} is running.")
            : HealthCheckResult.Unhealthy("The job scheduler is not running.");
    }
}
