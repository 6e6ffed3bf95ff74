using System.Globalization;
using Dashboard.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dashboard.Core.Bulk;

/// <summary>Thin Quartz adapter: one call to <see cref="BulkRequestRunner"/> in a scope acting for the request's account.</summary>
[DisallowConcurrentExecution]
public sealed class BulkRequestJob(IServiceScopeFactory scopes) : IJob
{
    public const string Group = "bulk";
    public const string RequestIdKey = "requestId";
    public const string AccountIdKey = "accountId";

    public static JobKey KeyFor(int requestId) => new(FormattableString.Invariant($"bulk-request-{requestId}"), Group);

    public static TriggerKey TriggerKeyFor(int requestId) => new(FormattableString.Invariant($"bulk-request-{requestId}-trigger"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var requestId = int.Parse(data.GetString(RequestIdKey)!, CultureInfo.InvariantCulture);
        var accountId = int.Parse(data.GetString(AccountIdKey)!, CultureInfo.InvariantCulture);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "group reports");
        await scope.ServiceProvider.GetRequiredService<BulkRequestRunner>().RunAsync(requestId, cancellationToken);
    }
}

/// <summary>Schedules a request as its own named job and trigger in the persistent store (replacing a previous one).</summary>
public sealed class QuartzBulkScheduler(ISchedulerFactory schedulerFactory, TimeProvider time) : IBulkScheduler
{
    public async Task ScheduleAsync(int requestId, int accountId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<BulkRequestJob>()
            .WithIdentity(BulkRequestJob.KeyFor(requestId))
            .WithDescription(FormattableString.Invariant($"Bulk request {requestId} of account {accountId}"))
            .UsingJobData(BulkRequestJob.RequestIdKey, requestId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(BulkRequestJob.AccountIdKey, accountId.ToString(CultureInfo.InvariantCulture))
            // A run cut short by a crash is fired again when the scheduler starts.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(BulkRequestJob.TriggerKeyFor(requestId))
            .ForJob(job)
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}

/// <summary>Deletes generated files once they expire. Runs every hour.</summary>
[DisallowConcurrentExecution]
public sealed class BulkCleanupJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("bulk-cleanup", BulkRequestJob.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BulkFileCleaner>().CleanAsync(cancellationToken);
    }
}
