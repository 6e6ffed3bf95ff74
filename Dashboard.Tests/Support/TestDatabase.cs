using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SQLite database in a temporary file, initialised like the app's (schema, WAL, search index),
/// with the Core services around it. Each test class gets its own; each test builds its own data.
/// With <see cref="TestProvider.IsPostgres"/> it is a throw-away PostgreSQL database instead, dropped at the end.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; }

    public TestDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = TestProvider.IsPostgres
            ? TestProvider.NewPostgresDatabase()
            : $"Data Source={Path.Combine(_directory, "test.db")}";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, ConnectionString));
        services.AddSingleton<TimeProvider>(Time);
        Services = services.BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        await using var db = CreateDbContext(accountId: null);
        await DatabaseInitializer.InitializeAsync(db);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        if (TestProvider.IsPostgres)
        {
            await TestProvider.DropPostgresDatabaseAsync(ConnectionString);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finished connection is left for the OS temp cleaner.
        }
    }

    /// <summary>A DI scope acting as the given account (system actor with every privilege), or as nobody.</summary>
    public AsyncServiceScope CreateScope(int? accountId)
    {
        var scope = Services.CreateAsyncScope();
        if (accountId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(id);
        }

        return scope;
    }

    /// <summary>A DI scope acting as one administrator with the given privileges.</summary>
    public AsyncServiceScope CreateScope(int accountId, int administratorId, Dashboard.Core.Domain.Privileges privileges, string name = "Test admin")
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetAdministrator(accountId, administratorId, name, privileges);
        return scope;
    }

    /// <summary>A context seeing only <paramref name="accountId"/>'s data (nothing when null, but unfiltered via IgnoreQueryFilters).</summary>
    public DashboardDbContext CreateDbContext(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(TestProvider.Options(ConnectionString), scope);
    }
}
