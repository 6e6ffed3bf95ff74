using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SQLite database in a temporary file, initialised like the app's (schema, WAL, search index),
/// with the Core services around it. With <see cref="TestProvider.IsPostgres"/> it is a throw-away PostgreSQL
/// database instead, dropped at the end.
/// <para>
/// The one pattern: a test class takes it as <c>IClassFixture&lt;TestDatabase&gt;</c> (its tests share one database)
/// and each test builds its own data (a new account, candidates, groups through <see cref="WorldBuilder"/>), reads
/// only that data, and never asserts on a count of the whole database. Per-class rather than per-test: on
/// PostgreSQL every instance is a CREATE DATABASE plus the migrations, and the ~250 tests that made one each spent
/// most of their time there; the data a test builds is already its isolation (accounts are tenants).
/// A test whose subject is the whole database (the demo simulator plays its first account; a seeding checked
/// against another seeding) opens a fresh one for itself: <c>await using var database = await TestDatabase.CreateAsync();</c>.
/// A class whose tests read one large seeded world wraps it in a fixture that seeds it once.
/// </para>
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
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

    /// <summary>A fresh, initialised database owned by the caller (dispose it with <c>await using</c>).</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
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

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

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
