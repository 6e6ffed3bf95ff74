using System.Net;
using Dashboard.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app on a temporary SQLite file. <see cref="StartKestrel"/> serves it on a real loopback port
/// for the browser; <see cref="WebApplicationFactory{T}.CreateClient()"/> works without it.
/// Settings can be overridden per test class with <see cref="Settings"/> before first use.
/// </summary>
public class DashboardWebFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-web-tests", Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Demo:Seed"] = "true",
        ["Demo:Registrations"] = "1500",
        ["Demo:Simulator:Enabled"] = "false",
        // TEMPORARY until sign-in lands: anonymous requests act as demo account 1.
    };

    /// <summary>
    /// Registrations applied after Program.cs's own (e.g. a wrapper around one real service to observe it).
    /// The host keeps its scope validation: ValidateScopes and ValidateOnBuild stay on.
    /// </summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    public string DataDirectory => _directory;

    /// <summary>The app's database: a SQLite file, or a throw-away PostgreSQL database (see <see cref="TestProvider"/>).</summary>
    public string ConnectionString { get; }

    public DashboardWebFactory()
        : this(TestProvider.Name)
    {
    }

    /// <summary>The app on <paramref name="provider"/> whatever the pass (see <see cref="PostgresWebFactory"/>).</summary>
    protected DashboardWebFactory(string provider)
    {
        Provider = provider;
        ConnectionString = DatabaseProvider.IsPostgres(provider)
            ? TestProvider.NewPostgresDatabase()
            : $"Data Source={Path.Combine(_directory, "dashboard.db")}";
    }

    /// <summary>The app's Database:Provider.</summary>
    public string Provider { get; }

    /// <summary>The base address of the running server ("http://127.0.0.1:port/") once started.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Serve on a real loopback port (for Playwright). Call before any client is created.</summary>
    public DashboardWebFactory StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Storage:Root", _directory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in TestServices)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (DatabaseProvider.IsPostgres(Provider))
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
            // Left for the OS temp cleaner.
        }

    }
}
