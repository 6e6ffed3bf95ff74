using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Bench.ScaleOut;

/// <summary>
/// Issue 14's figures, both in one run on this machine:
/// 1. the <c>results</c> suite's queries on SQLite and on PostgreSQL over the same world (the SQLite bench database,
///    copied to PostgreSQL by binary COPY; both cached), wall median and p95 each and the p95 ratio — wall time, since
///    PostgreSQL works in its own process where the bench thread's CPU time does not see it;
/// 2. sitting-event ingestion on PostgreSQL through one node, then through two nodes of the app on the same database
///    (the senders split between them; every save also notifies the other node).
/// Usage: scale-out [--rows 1000000] [--iterations 20] [--only TEXT] [--regenerate] [--no-results] [--no-events]
///        [--runs 3] [--events 10000] [--batch 100] [--concurrency 4]
/// </summary>
internal static class ScaleOutSuite
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        if (!BenchArgs.Flag(args, "--no-results"))
        {
            await CompareResultsAsync(args);
        }

        if (!BenchArgs.Flag(args, "--no-events"))
        {
            await CompareIngestionAsync(args);
        }

        return 0;
    }

    private static async Task CompareResultsAsync(string[] args)
    {
        var rows = BenchArgs.Int(args, "--rows", 1_000_000);
        var iterations = BenchArgs.Int(args, "--iterations", 20);
        var regenerate = BenchArgs.Flag(args, "--regenerate");
        await using var sqlite = await BenchDatabase.OpenAsync(rows, regenerate);
        await using var postgres = await PostgresBenchDatabase.OpenAsync(sqlite, $"results_{rows}", regenerate);

        ResultsSuite.Landmarks onSqlite, onPostgres;
        await using (var db = sqlite.CreateDbContext(null))
        {
            onSqlite = await ResultsSuite.LandmarksAsync(db);
        }

        await using (var db = postgres.CreateDbContext(null))
        {
            onPostgres = await ResultsSuite.LandmarksAsync(db);
        }

        await using var sqliteScope = sqlite.CreateScope(onSqlite.AccountId);
        await using var postgresScope = postgres.CreateScope(onPostgres.AccountId);
        var sqliteQuery = sqliteScope.ServiceProvider.GetRequiredService<IResultsQuery>();
        var postgresQuery = postgresScope.ServiceProvider.GetRequiredService<IResultsQuery>();
        var sqliteCases = await ResultsSuite.CasesAsync(sqliteQuery, onSqlite);
        var postgresCases = await ResultsSuite.CasesAsync(postgresQuery, onPostgres);

        Console.WriteLine();
        Console.WriteLine($"results on both providers, {rows:N0} registrations, {iterations} iterations each (wall ms), load average {LoadAverage()}");
        Console.WriteLine($"{"query",-44} {"rows",8} {"sqlite med",11} {"sqlite p95",11} {"pg med",9} {"pg p95",9} {"pg/sqlite p95",14}");
        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        foreach (var (onLite, onPg) in sqliteCases.Zip(postgresCases).Where(c => only is null || c.First.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var page = await sqliteQuery.GetPageAsync(onLite.Request);
            var pgPage = await postgresQuery.GetPageAsync(onPg.Request);
            var lite = await Timing.MeasureAsync(() => sqliteQuery.GetPageAsync(onLite.Request), iterations);
            var pg = await Timing.MeasureAsync(() => postgresQuery.GetPageAsync(onPg.Request), iterations);
            var count = page.TotalIsLowerBound ? $"{page.TotalCount}+" : page.TotalCount.ToString(CultureInfo.InvariantCulture);
            // The same world: a count that differs means the providers disagree, which the table must not hide.
            var same = page.TotalCount == pgPage.TotalCount && page.Rows.Select(r => r.Id).SequenceEqual(pgPage.Rows.Select(r => r.Id)) ? "" : "  (rows differ!)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{onLite.Name,-44} {count,8} {lite.Median,9:F1}ms {lite.P95,9:F1}ms {pg.Median,7:F1}ms {pg.P95,7:F1}ms {pg.P95 / Math.Max(0.1, lite.P95),13:F2}x{same}"));
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
    }

    private static async Task CompareIngestionAsync(string[] args)
    {
        var runs = BenchArgs.Int(args, "--runs", 3);
        var totalEvents = BenchArgs.Int(args, "--events", 10_000);
        var batchSize = BenchArgs.Int(args, "--batch", 100);
        var concurrency = BenchArgs.Int(args, "--concurrency", 4);
        Console.WriteLine();
        Console.WriteLine($"events on PostgreSQL: {totalEvents} events per run in batches of {batchSize}, {concurrency} senders, {runs} runs (+1 warm-up)");
        var one = await IngestAsync(1, runs, totalEvents, batchSize, concurrency);
        var two = await IngestAsync(2, runs, totalEvents, batchSize, concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events: one node median {one:F0} events/s, two nodes median {two:F0} events/s, ratio {two / one:F2}x (load average {LoadAverage()})"));
    }

    /// <summary>Median events/s through <paramref name="nodes"/> in-process nodes of the app on one new PostgreSQL database.</summary>
    private static async Task<double> IngestAsync(int nodes, int runs, int totalEvents, int batchSize, int concurrency)
    {
        var server = Environment.GetEnvironmentVariable("DASHBOARD_BENCH_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=dashboard_test;Password=dashboard_test";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = "dashboard_bench_events_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bench-scale-out", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString };
        var apps = new List<WebApplication>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                Directory.CreateDirectory(Path.Combine(directory, $"node{i}"));
                apps.Add(await BenchWebApp.StartAsync(Path.Combine(directory, $"node{i}"), settings));
            }

            var (accountId, subject) = await EventsBenchmark.SeedCatalogueAsync(apps[0].Services);
            foreach (var app in apps)
            {
                clients.Add(await BenchWebApp.ApiClientAsync(app, accountId));
            }

            var rates = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var sittings = await EventsBenchmark.RegisterAsync(apps[0].Services, accountId, subject, totalEvents / (EventsBenchmark.QuestionsPerSitting + 2));
                var lanes = EventsBenchmark.BuildBatches(sittings, subject, batchSize, concurrency);
                var sent = lanes.Sum(lane => lane.Sum(b => b.Count));
                var stopwatch = Stopwatch.StartNew();
                // Lane i goes to node i mod n, as a balancer spreads the delivery platform's connections.
                await Task.WhenAll(lanes.Select((lane, i) => EventsBenchmark.SendLaneAsync(clients[i % nodes], lane)));
                stopwatch.Stop();
                await EventsBenchmark.VerifyAsync(apps[^1].Services, accountId, sittings);
                var rate = sent / stopwatch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {nodes} node(s), {(run == 0 ? "warm-up" : $"run {run}")}: {sent} events in {stopwatch.Elapsed.TotalSeconds:F2} s = {rate:F0} events/s; load average {LoadAverage()}"));
                if (run > 0)
                {
                    rates.Add(rate);
                }
            }

            rates.Sort();
            return rates[rates.Count / 2];
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            foreach (var app in apps)
            {
                await BenchWebApp.StopAsync(app);
                await app.DisposeAsync();
            }

            await DropAsync(connectionString);
            BenchWebApp.DeleteTemporary(directory);
        }
    }

    private static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
