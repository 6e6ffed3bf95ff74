// Over 250 lines: the bench's PostgreSQL copy of the generated world: schema, one binary COPY per table and the cache marker are one loading sequence.
using System.Diagnostics;
using System.Globalization;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Bench.ScaleOut;

/// <summary>
/// The same world as a SQLite bench database, on PostgreSQL: migrated by the app, then every table copied from the
/// SQLite file with binary COPY (no EF change tracking), the search index and tallies rebuilt once, ANALYZEd. Kept as
/// database <c>dashboard_bench_NAME</c> (a <c>bench_ready</c> table marks it complete) and reused by later runs.
/// Server: <c>DASHBOARD_BENCH_POSTGRES</c> (a connection string without a database), else the tests' local role.
/// </summary>
internal sealed class PostgresBenchDatabase : IAsyncDisposable
{
    private PostgresBenchDatabase(string connectionString, ServiceProvider services)
    {
        ConnectionString = connectionString;
        Services = services;
    }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public static async Task<PostgresBenchDatabase> OpenAsync(BenchDatabase source, string name, bool regenerate)
    {
        var server = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=dashboard_test;Password=dashboard_test";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = "dashboard_bench_" + name, CommandTimeout = 0 }.ConnectionString;
        var services = new ServiceCollection();
        services.AddDashboardCoreServices((_, options) => DatabaseProvider.Configure(options, DatabaseProvider.Postgres, connectionString));
        var database = new PostgresBenchDatabase(connectionString, services.BuildServiceProvider());
        if (regenerate || !await database.IsReadyAsync())
        {
            await database.LoadAsync(source);
        }
        else
        {
            Console.WriteLine($"Reusing PostgreSQL database dashboard_bench_{name}");
            await using var db = database.CreateDbContext(null);
            await DatabaseInitializer.InitializeAsync(db);
        }

        return database;
    }

    public DashboardDbContext CreateDbContext(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(
            (DbContextOptions<DashboardDbContext>)DatabaseProvider.Configure(new DbContextOptionsBuilder<DashboardDbContext>(), DatabaseProvider.Postgres, ConnectionString).Options,
            scope);
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
        NpgsqlConnection.ClearAllPools();
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT to_regclass('bench_ready') IS NOT NULL", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    private async Task LoadAsync(BenchDatabase source)
    {
        var watch = Stopwatch.StartNew();
        var target = new NpgsqlConnectionStringBuilder(ConnectionString);
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        // The drop ended the pooled connections of the readiness check: none may be handed out again.
        NpgsqlConnection.ClearAllPools();
        await using (var db = CreateDbContext(null))
        {
            await DatabaseInitializer.InitializeAsync(db);
            foreach (var statement in SearchIndex.DropTriggerStatements(db.Database).Concat(RegistrationTallies.DropTriggerStatements(db.Database)))
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }
        }

        await using var sqlite = new SqliteConnection($"Data Source={source.Path};Mode=ReadOnly");
        await sqlite.OpenAsync();
        await using var postgres = new NpgsqlConnection(ConnectionString);
        await postgres.OpenAsync();
        long rows = 0;
        foreach (var table in await TablesInKeyOrderAsync(postgres, sqlite))
        {
            rows += await CopyTableAsync(sqlite, postgres, table);
        }

        var copied = watch.Elapsed;
        // Triggers, the search index and the tallies come back in one pass each; then the planner's statistics.
        await using (var db = CreateDbContext(null))
        {
            await DatabaseInitializer.InitializeAsync(db);
            await SearchIndex.RebuildAsync(db);
            await RegistrationTallies.RebuildAsync(db);
        }

        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", postgres))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using (var ready = new NpgsqlCommand("CREATE TABLE bench_ready (at timestamptz NOT NULL DEFAULT now())", postgres))
        {
            await ready.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Copied {rows:N0} rows into PostgreSQL {target.Database} by binary COPY in {copied.TotalSeconds:F1} s "
            + $"(+ index, tallies, ANALYZE {(watch.Elapsed - copied).TotalSeconds:F1} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
    }

    /// <summary>The app's tables present in both databases, each after the tables its foreign keys point to.</summary>
    private static async Task<List<string>> TablesInKeyOrderAsync(NpgsqlConnection postgres, SqliteConnection sqlite)
    {
        var inSqlite = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = sqlite.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                inSqlite.Add(reader.GetString(0));
            }
        }

        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using (var list = new NpgsqlCommand("""
            SELECT c.relname, f.relname FROM pg_class c
            LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
            LEFT JOIN pg_class f ON f.oid = k.confrelid
            WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            """, postgres))
        {
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!dependencies.TryGetValue(table, out var on))
                {
                    dependencies[table] = on = new HashSet<string>(StringComparer.Ordinal);
                }

                if (!reader.IsDBNull(1) && reader.GetString(1) != table)
                {
                    on.Add(reader.GetString(1));
                }
            }
        }

        // The migrations' history, the tallies and the search index are the app's own (migrated, rebuilt).
        var skipped = new[] { "__EFMigrationsHistory", RegistrationTallies.Table, SearchIndex.PostgresTable };
        var ordered = new List<string>();
        void Visit(string table)
        {
            if (ordered.Contains(table))
            {
                return;
            }

            foreach (var dependency in dependencies.GetValueOrDefault(table) ?? [])
            {
                Visit(dependency);
            }

            ordered.Add(table);
        }

        foreach (var table in dependencies.Keys.Order(StringComparer.Ordinal))
        {
            Visit(table);
        }

        return [.. ordered.Where(t => inSqlite.Contains(t) && !skipped.Contains(t) && !t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase))];
    }

    private static async Task<long> CopyTableAsync(SqliteConnection sqlite, NpgsqlConnection postgres, string table)
    {
        var sqliteColumns = new HashSet<string>(StringComparer.Ordinal);
        await using (var info = sqlite.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                sqliteColumns.Add(reader.GetString(0));
            }
        }

        var columns = new List<(string Name, NpgsqlDbType Type)>();
        await using (var info = new NpgsqlCommand("""
            SELECT column_name, udt_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = @table AND is_generated = 'NEVER' ORDER BY ordinal_position
            """, postgres))
        {
            info.Parameters.AddWithValue("table", table);
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (sqliteColumns.Contains(reader.GetString(0)))
                {
                    columns.Add((reader.GetString(0), PostgresCopyValues.TypeOf(reader.GetString(1))));
                }
            }
        }

        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var select = sqlite.CreateCommand();
        select.CommandText = $"SELECT {names} FROM \"{table}\" ORDER BY rowid";
        await using var rows = await select.ExecuteReaderAsync();
        long count = 0;
        await using (var importer = await postgres.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)"))
        {
            while (await rows.ReadAsync())
            {
                await importer.StartRowAsync();
                for (var i = 0; i < columns.Count; i++)
                {
                    await PostgresCopyValues.WriteAsync(importer, rows.IsDBNull(i) ? null : rows.GetValue(i), columns[i].Type);
                }

                count++;
            }

            await importer.CompleteAsync();
        }

        // An identity Id continues after the copied ids (tables keyed otherwise have none).
        await using (var hasIdentity = new NpgsqlCommand(
            $"""SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"{table}"'::regclass AND attname = 'Id' AND attidentity <> '')""", postgres))
        {
            if ((bool)(await hasIdentity.ExecuteScalarAsync())!)
            {
                await using var identity = new NpgsqlCommand(
                    $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT COALESCE(MAX("Id"), 0) + 1 FROM "{table}"), false)""", postgres);
                await identity.ExecuteNonQueryAsync();
            }
        }

        return count;
    }
}
