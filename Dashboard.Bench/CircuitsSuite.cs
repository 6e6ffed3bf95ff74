using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// What an open Results page costs the server (issue 15 item 5): the real web app with the demo world in this process,
/// N Chromium pages signed in as the demo owner on /results (N = 20, 50, 100), and at each N the live managed heap
/// after a full, compacting GC and the process's working set, both against the same figures before any page was
/// open, divided by N; the time the N-th page took from navigation to a live (interactive) grid; and a census of what
/// the circuits' components hold, the TOP component types by render-tree frames (<see cref="CircuitCensus"/>).
/// A step is skipped when the machine has less than 3 GB available (Chromium needs ~60 MB per page).
/// Usage: circuits [--pages 20,50,100] [--registrations 12000] [--census TOP] [--pause-at N,M] (waits for Enter at each, for dotnet-gcdump)
/// </summary>
public static class CircuitsSuite
{
    private const long MinimumAvailableBytes = 3L * 1024 * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var levels = BenchBrowser.Counts(args, "--pages", [20, 50, 100]);
        var demoRegistrations = BenchArgs.Int(args, "--registrations", 12_000);
        var pauseAt = BenchBrowser.Counts(args, "--pause-at", []);
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bench-circuits", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = await BenchBrowser.StartDemoAppAsync(directory, demoRegistrations);
            var baseAddress = BenchWebApp.BaseAddress(app);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            var storage = await BenchBrowser.SignInAsync(browser, baseAddress);

            // One page opened and closed first, so that what every circuit shares (JIT, caches, MudBlazor's statics) is in the baseline.
            var (warm, _) = await BenchBrowser.OpenAsync(browser, baseAddress, storage, "results");
            await warm.Context.CloseAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (heap0, workingSet0) = Measure();
            Console.WriteLine(FormattableString.Invariant(
                $"circuits: /results at {string.Join(", ", levels)} open pages, demo world of {demoRegistrations} registrations; before: heap {Mb(heap0)}, working set {Mb(workingSet0)}; process {Environment.ProcessId}"));
            var pages = new List<IPage>();
            var interactive = new List<double>();
            foreach (var level in levels)
            {
                if (AvailableBytes() < MinimumAvailableBytes)
                {
                    Console.WriteLine(FormattableString.Invariant($"  {level} pages: skipped, {Mb(AvailableBytes())} available on the machine"));
                    break;
                }

                while (pages.Count < level)
                {
                    var (page, ms) = await BenchBrowser.OpenAsync(browser, baseAddress, storage, "results");
                    pages.Add(page);
                    interactive.Add(ms);
                }

                await Task.Delay(TimeSpan.FromSeconds(3));
                if (pauseAt.Contains(level))
                {
                    Console.WriteLine($"  paused at {level} pages: take a heap dump of process {Environment.ProcessId}, then press Enter");
                    Console.ReadLine();
                }

                var (heap, workingSet) = Measure();
                var lastTen = interactive.TakeLast(10).Order().ToArray();
                Console.WriteLine(FormattableString.Invariant(
                    $"circuits {level} pages: live heap {Mb(heap)} (+{Kb((heap - heap0) / level)} per circuit), working set {Mb(workingSet)} (+{Kb((workingSet - workingSet0) / level)} per circuit); page {level} interactive after {interactive[^1]:F0} ms (median of the last 10: {Timing.Percentile(lastTen, 0.5):F0} ms); load average {BenchBrowser.LoadAverage()}"));
                CircuitCensus.Print(app, level, BenchArgs.Int(args, "--census", 25));
            }

            await browser.CloseAsync();
            await BenchWebApp.StopAsync(app);
            return 0;
        }
        finally
        {
            BenchWebApp.DeleteTemporary(directory);
        }
    }

    /// <summary>Live managed bytes after a full blocking compacting collection (twice, so finalised objects go too) and the working set.</summary>
    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    private static long AvailableBytes()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal)) : null;
        return line is null ? long.MaxValue : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Mb(long bytes) => FormattableString.Invariant($"{bytes / 1024.0 / 1024.0:F1} MB");

    private static string Kb(long bytes) => FormattableString.Invariant($"{bytes / 1024.0:F0} KB");
}
