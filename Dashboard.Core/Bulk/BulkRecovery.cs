using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Dashboard.Core.Bulk;

/// <summary>
/// Belt and braces at start-up: a request still Queued or Running whose job is gone from the store
/// (store deleted, a crash between the database write and the scheduling) is scheduled again.
/// </summary>
public sealed class BulkRecoveryService(IServiceScopeFactory scopes, ISchedulerFactory schedulerFactory, ILogger<BulkRecoveryService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await RescheduleOrphansAsync(cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Rescheduled {Count} unfinished bulk request(s)", count);
        }
    }

    public async Task<int> RescheduleOrphansAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.Set<BulkRequest>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == BulkStatus.Queued || r.Status == BulkStatus.Running)
            .Select(r => new { r.Id, r.AccountId })
            .ToListAsync(cancellationToken);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var bulkScheduler = scope.ServiceProvider.GetRequiredService<IBulkScheduler>();
        var count = 0;
        foreach (var request in unfinished)
        {
            // Waiting, paused, blocked or executing triggers will (re)fire; a missing, completed or errored one will not.
            var state = await scheduler.GetTriggerState(BulkRequestJob.TriggerKeyFor(request.Id), cancellationToken);
            if (state is not (TriggerState.Normal or TriggerState.Paused or TriggerState.Blocked or TriggerState.Executing or TriggerState.Awaiting))
            {
                await bulkScheduler.ScheduleAsync(request.Id, request.AccountId, cancellationToken);
                count++;
            }
        }

        return count;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
