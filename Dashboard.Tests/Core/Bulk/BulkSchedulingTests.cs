using Dashboard.Core.Bulk;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>
/// Quartz with its persistent store (a SQLite file, or on PostgreSQL a database of its own), in the real app: what one
/// host stored, a new host runs.
/// </summary>
public sealed class BulkSchedulingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-quartz-tests", Guid.NewGuid().ToString("N"));
    private string _quartz = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // The hosts of one test share this store; BulkTestContext's host keeps another (the app's database on PostgreSQL).
        _quartz = TestProvider.IsPostgres
            ? await TestProvider.CreatePostgresDatabaseAsync()
            : $"Data Source={Path.Combine(_directory, "quartz.db")}";
    }

    public async Task DisposeAsync()
    {
        if (TestProvider.IsPostgres)
        {
            await TestProvider.DropPostgresDatabaseAsync(_quartz);
        }

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
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        int id;
        // The first host never starts its scheduler: it only stores the job and trigger, then goes away.
        await using (var first = BuildHost(autoStart: false))
        {
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await using (var scope = first.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<Dashboard.Core.Accounts.AccountScope>()
                    .SetAdministrator(world.Account.Id, world.Admin.Id, world.Admin.DisplayName, world.Admin.Privileges);
                id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.AllIndividualReports));
            }

            Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(BulkRequestJob.TriggerKeyFor(id)));
        }

        Assert.Equal(BulkStatus.Queued, (await context.LoadAsync(world.Account.Id, id)).Status);

        await using var second = BuildHost();
        _ = second.Services;
        var request = await WaitUntilFinishedAsync(world.Account.Id, id);

        Assert.Equal(BulkStatus.Completed, request.Status);
        Assert.Equal(2, request.ItemsDone);
        Assert.True(File.Exists(request.OutputPath));
    }

    [Fact]
    public async Task AnUnfinishedRequestWhoseTriggerIsGoneIsRescheduledAtStartUp()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            // Created in the context's own Quartz store: the host below starts on another store, without this trigger.
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport));
        }

        await using var host = BuildHost();
        _ = host.Services;
        var request = await WaitUntilFinishedAsync(world.Account.Id, id);

        Assert.Equal(BulkStatus.Completed, request.Status);
    }

    /// <summary>The real app on the test database, its Quartz store this class's (shared by the hosts of one test).</summary>
    private ActingWebFactory BuildHost(bool autoStart = true)
    {
        var host = new ActingWebFactory().UseDatabase(database);
        host.Settings["ConnectionStrings:Quartz"] = _quartz;
        host.Settings["Bulk:StorageRoot"] = _directory;
        if (!autoStart)
        {
            host.TestServices.Add(services => services.Configure<QuartzHostedServiceOptions>(o => o.AutoStart = false));
        }

        return host;
    }

    private async Task<BulkRequest> WaitUntilFinishedAsync(int accountId, int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = database.CreateDbContext(accountId);
            var request = await db.Set<BulkRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
            if (request.IsFinished || DateTime.UtcNow > deadline)
            {
                return request;
            }

            await Task.Delay(100);
        }
    }
}
