using System.Diagnostics;
using System.IO.Compression;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Excel;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Data;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>
/// Where the export's time goes, on rows already in memory (one thread, CPU time of the whole process): the 21 cells
/// formatted and written as XML without compression, then with each deflate level, with the shared-string table and
/// with inline strings only. The figures behind <see cref="XlsxWriter"/>'s defaults.
/// </summary>
internal static class ExportBreakdown
{
    /// <summary>
    /// The SQLite export's reading alone (<see cref="SqliteExportRows"/>: statement stepped, values copied into batches,
    /// no writer), after its lookups are loaded; CPU seconds of the process, median of <paramref name="iterations"/>.
    /// </summary>
    public static async Task RawReadAsync(BenchDatabase database, int accountId, ResultsFilter filter, int iterations)
    {
        var cpu = new List<double>();
        var rows = 0;
        for (var i = 0; i < iterations; i++)
        {
            await using var scope = database.CreateScope(accountId);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var query = (ResultsQuery)scope.ServiceProvider.GetRequiredService<IResultsQuery>();
            var source = await SqliteExportRows.OpenAsync(db, await query.SortedAsync(db, filter, null, true, default), default);
            if (i == 0 && Environment.GetEnvironmentVariable("BENCH_EXPORT_SQL") is not null)
            {
                Console.WriteLine(source.Sql);
            }

            var start = Process.GetCurrentProcess().TotalProcessorTime;
            rows = 0;
            source.Read(batch =>
            {
                rows += batch.Count;
                source.Return(batch);
            }, default);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds);
        }

        cpu.Sort();
        Console.WriteLine($"  reading the rows alone (SqliteExportRows, below ADO.NET): {rows:N0} rows, {cpu[cpu.Count / 2]:F3} s CPU (median of {iterations})");

        // The writer alone on those batches (kept in memory), as the SQLite export feeds it.
        var batches = new List<ExportBatch>();
        SqliteExportRows.Lookups names;
        await using (var scope = database.CreateScope(accountId))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var query = (ResultsQuery)scope.ServiceProvider.GetRequiredService<IResultsQuery>();
            var source = await SqliteExportRows.OpenAsync(db, await query.SortedAsync(db, filter, null, true, default), default);
            source.Read(batches.Add, default);
            names = source.Names;
        }

        var calendar = AccountCalendar.For("Europe/Paris");
        var text = DocumentText.English.In(calendar.ZoneName);
        using var output = new MemoryStream(64 << 20);
        foreach (var level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest })
        {
            var writerCpu = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                output.SetLength(0);
                var start = Process.GetCurrentProcess().TotalProcessorTime;
                var export = new ResultsExport(text, calendar);
                using (var sheet = new XlsxWriter(output, "Results", export.Columns, XlsxWriter.DefaultMaxSharedStrings, level))
                {
                    foreach (var batch in batches)
                    {
                        for (var row = 0; row < batch.Count; row++)
                        {
                            export.Write(sheet, names, batch, row);
                        }
                    }

                    sheet.Complete();
                }

                writerCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds);
            }

            writerCpu.Sort();
            Console.WriteLine($"  writer alone on SQLite batches in memory, {level}: {writerCpu[writerCpu.Count / 2]:F3} s CPU, file {output.Length / 1024.0 / 1024.0:F1} MB");
        }
    }

    public static void Run(IReadOnlyList<ResultRow> rows, int iterations)
    {
        var calendar = AccountCalendar.For("Europe/Paris");
        var text = DocumentText.English.In(calendar.ZoneName);
        using var output = new MemoryStream(64 << 20);
        var variants = new (string Name, CompressionLevel Level, int Shared)[]
        {
            ("XML only (stored, no deflate), shared strings", CompressionLevel.NoCompression, XlsxWriter.DefaultMaxSharedStrings),
            ("deflate Fastest, shared strings", CompressionLevel.Fastest, XlsxWriter.DefaultMaxSharedStrings),
            ("deflate Optimal, shared strings", CompressionLevel.Optimal, XlsxWriter.DefaultMaxSharedStrings),
            ("deflate SmallestSize, shared strings", CompressionLevel.SmallestSize, XlsxWriter.DefaultMaxSharedStrings),
            ("XML only (stored, no deflate), inline strings", CompressionLevel.NoCompression, 0),
            ("deflate Fastest, inline strings", CompressionLevel.Fastest, 0),
            ("deflate Optimal, inline strings", CompressionLevel.Optimal, 0),
        };
        Console.WriteLine($"  Writer alone, {rows.Count:N0} rows in memory, one thread (median of {iterations}, CPU seconds):");
        foreach (var (name, level, shared) in variants)
        {
            var cpu = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                output.SetLength(0);
                var start = Process.GetCurrentProcess().TotalProcessorTime;
                var export = new ResultsExport(text, calendar);
                using (var sheet = new XlsxWriter(output, "Results", export.Columns, shared, level))
                {
                    foreach (var row in rows)
                    {
                        export.Write(sheet, row);
                    }

                    sheet.Complete();
                }

                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds);
            }

            cpu.Sort();
            var seconds = cpu[cpu.Count / 2];
            Console.WriteLine($"    {name,-48} {seconds,6:F3} s CPU  {rows.Count / seconds,9:N0} rows/s  file {output.Length / 1024.0 / 1024.0,5:F1} MB");
        }
    }
}
