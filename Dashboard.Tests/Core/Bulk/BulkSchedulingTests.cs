using Dashboard.Core;
using Dashboard.Core.Bulk;
using Dashboard.Core.Email;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>Quartz with its persistent SQLite store: what one host stored, a new host runs.</summary>
public sealed class BulkSchedulingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-quartz-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return _database.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [Fact]
    public async Task ATriggerStoredByOneHostRunsInANewHostOnTheSameStore()
    {
        await using var context = new BulkTestContext(_database, smtp: null);
        var world = await BulkWorld.CreateAsync(_database, context, candidates: 2);
        int id;
        // The first host never starts its scheduler: it only stores the job and trigger, then goes away.
        using (var first = BuildHost(autoStart: false))
        {
            await first.StartAsync();
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await using (var scope = first.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<Dashboard.Core.Accounts.AccountScope>()
                    .SetAdministrator(world.Account.Id, world.Admin.Id, world.Admin.DisplayName, world.Admin.Privileges);
                id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.AllIndividualReports));
            }

            Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(BulkRequestJob.TriggerKeyFor(id)));
            await first.StopAsync();
        }

        Assert.Equal(BulkStatus.Queued, (await context.LoadAsync(world.Account.Id, id)).Status);

        using var second = BuildHost();
        await second.StartAsync();
        var request = await WaitUntilFinishedAsync(world.Account.Id, id);
        await second.StopAsync();

        Assert.Equal(BulkStatus.Completed, request.Status);
        Assert.Equal(2, request.ItemsDone);
        Assert.True(File.Exists(request.OutputPath));
    }

    [Fact]
    public async Task AnUnfinishedRequestWhoseTriggerIsGoneIsRescheduledAtStartUp()
    {
        await using var context = new BulkTestContext(_database, smtp: null);
        var world = await BulkWorld.CreateAsync(_database, context, candidates: 1);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            // Created through the recording scheduler: nothing is in the Quartz store.
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport));
        }

        using var host = BuildHost();
        await host.StartAsync();
        var request = await WaitUntilFinishedAsync(world.Account.Id, id);
        await host.StopAsync();

        Assert.Equal(BulkStatus.Completed, request.Status);
    }

    private IHost BuildHost(bool autoStart = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Services.AddLogging();
        builder.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, _database.ConnectionString));
        builder.Services.AddSingleton<IEmailTemplateRenderer, RazorEmailTemplateRenderer>();
        builder.Services.Configure<BulkOptions>(o => o.StorageRoot = _directory);
        builder.Services.Configure<SmtpOptions>(o => o.PickupDirectory = Path.Combine(_directory, "outbox"));
        builder.Services.AddBulkScheduler($"Data Source={Path.Combine(_directory, "quartz.db")}");
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = autoStart;
        });
        builder.Services.AddHostedService<BulkRecoveryService>();
        return builder.Build();
    }

    private async Task<BulkRequest> WaitUntilFinishedAsync(int accountId, int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = _database.CreateDbContext(accountId);
            var request = await db.Set<BulkRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
            if (request.IsFinished || DateTime.UtcNow > deadline)
            {
                return request;
            }

            await Task.Delay(100);
        }
    }
}
