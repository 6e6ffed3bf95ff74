using System.Diagnostics;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Data.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>
/// A demo-world database of N registrations under bench-data/ (gitignored), generated once with the
/// demo world's bulk path and reused by later runs; plus the Core services over it.
/// </summary>
internal sealed partial class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string path, ServiceProvider services)
    {
        Path = path;
        Services = services;
    }

    public string Path { get; }
    public string ConnectionString => $"Data Source={Path}";
    public ServiceProvider Services { get; }

    /// <summary>Set by --sql: every SQL command the Core services run is printed.</summary>
    public static bool LogSql { get; set; }

    /// <summary>
    /// Opens (or generates) bench-data/NAME-ROWS.db. A suite that reshapes the world gives its own name and a shape, run
    /// once after the demo world is seeded and before ANALYZE (e.g. to set how many sittings are proctored).
    /// </summary>
    public static async Task<BenchDatabase> OpenAsync(int rows, bool regenerate = false, bool withResponses = false,
        string name = "results", Func<BenchDatabase, Task>? shape = null)
    {
        var directory = System.IO.Path.Combine(Directory.GetCurrentDirectory(), "bench-data");
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"{name}-{rows}{(withResponses ? "-responses" : "")}.db");
        var ready = path + ".ready";
        if (regenerate || !File.Exists(ready))
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm", ready })
            {
                File.Delete(file);
            }
        }

        var services = new ServiceCollection();
        services.AddDashboardCoreServices((_, options) =>
        {
            options.UseSqlite($"Data Source={path}");
            if (LogSql)
            {
                options.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            }
        });
        var database = new BenchDatabase(path, services.BuildServiceProvider());
        if (!File.Exists(ready))
        {
            await database.GenerateAsync(rows, withResponses, shape);
            await File.WriteAllTextAsync(ready, DateTimeOffset.UtcNow.ToString("O"));
        }
        else
        {
            Console.WriteLine($"Reusing {path} ({new FileInfo(path).Length / 1024 / 1024} MB)");
            await database.SyncSchemaAsync();
        }

        return database;
    }

    private async Task GenerateAsync(int rows, bool withResponses, Func<BenchDatabase, Task>? shape)
    {
        Console.WriteLine($"Generating {rows:N0} registrations into {Path} …");
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using (var db = CreateDbContext(null))
        {
            await DatabaseInitializer.InitializeAsync(db);
            await DemoWorld.SeedAsync(db, new DemoWorldOptions(20261127, rows, WithResponses: withResponses), TimeProvider.System);
        }

        if (shape is not null)
        {
            await shape(this);
        }

        var seeded = watch.Elapsed;
        var seededCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"Generated in {seeded.TotalSeconds:F1} s (+ ANALYZE {(watch.Elapsed - seeded).TotalSeconds:F1} s): "
            + $"{rows / seeded.TotalSeconds:N0} registrations/s, {new FileInfo(Path).Length / 1024 / 1024} MB; "
            + $"CPU {seededCpu.TotalSeconds:F1} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }

    /// <summary>The schema was just brought to the model by hand: record every migration as applied so Migrate is a no-op.</summary>
    private static async Task MarkMigrationsAppliedAsync(DashboardDbContext db)
    {
        await Execute(db, "CREATE TABLE IF NOT EXISTS \"__EFMigrationsHistory\" (\"MigrationId\" TEXT NOT NULL PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL)");
        foreach (var migration in db.Database.GetMigrations())
        {
            await Execute(db, $"INSERT OR IGNORE INTO \"__EFMigrationsHistory\" VALUES ('{migration}', '10.0.15')");
        }
    }

    /// <summary>
    /// Brings a reused database to the current model without regenerating it: creates the tables and
    /// indexes it lacks, drops grid indexes the model no longer has, then re-analyses.
    /// </summary>
    private async Task SyncSchemaAsync()
    {
        await using var db = CreateDbContext(null);
        var existing = (await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE name IS NOT NULL").ToListAsync())
            .ToHashSet(StringComparer.Ordinal);
        var statements = db.Database.GenerateCreateScript()
            .Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var statement in statements)
        {
            var match = CreateStatement().Match(statement);
            if (!match.Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            wanted.Add(name);
            if (!existing.Contains(name))
            {
                Console.WriteLine($"  schema: creating {name}");
                await Execute(db, statement);
                changed = true;
            }
        }

        foreach (var stale in existing.Where(n => n.StartsWith("IX_Registrations_", StringComparison.Ordinal) && !wanted.Contains(n)))
        {
            Console.WriteLine($"  schema: dropping {stale}");
            await Execute(db, $"DROP INDEX \"{stale}\"");
            changed = true;
        }

        await MarkMigrationsAppliedAsync(db);
        await DatabaseInitializer.InitializeAsync(db);
        if (changed)
        {
            var watch = Stopwatch.StartNew();
            await Execute(db, "ANALYZE");
            Console.WriteLine($"  schema updated and analysed in {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    private static async Task Execute(DashboardDbContext db, string sql)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^CREATE (UNIQUE )?(TABLE|INDEX) \"(?<name>[^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex CreateStatement();

    public DashboardDbContext CreateDbContext(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(ConnectionString).Options, scope);
    }

    public AsyncServiceScope CreateScope(int accountId)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
