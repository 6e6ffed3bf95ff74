using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dashboard.Bench;

/// <summary>
/// Runs an operation repeatedly and reports the median and 95th percentile in milliseconds: wall-clock,
/// and the CPU time of the measuring thread (SQLite's async calls complete synchronously, so the work
/// runs on that thread). On a shared, overloaded machine the CPU figure is the one that says what the
/// query costs; the wall figure includes waiting for a core.
/// </summary>
internal static partial class Timing
{
    public sealed record Result(double Median, double P95, double CpuMedian, double CpuP95);

    public static async Task<Result> MeasureAsync(Func<Task> operation, int iterations, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var wall = new double[iterations];
        var cpu = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var cpuStart = ThreadCpuMilliseconds();
            var watch = Stopwatch.StartNew();
            await operation();
            wall[i] = watch.Elapsed.TotalMilliseconds;
            cpu[i] = ThreadCpuMilliseconds() - cpuStart;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        return new Result(Percentile(wall, 0.5), Percentile(wall, 0.95), Percentile(cpu, 0.5), Percentile(cpu, 0.95));
    }

    internal static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    /// <summary>struct rusage: two timevals (user, system) then 14 longs.</summary>
    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, [Out] long[] usage);

    /// <summary>CPU time of the current thread (Linux RUSAGE_THREAD); 0 elsewhere.</summary>
    private static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        const int rusageThread = 1;
        var usage = new long[18];
        return GetResourceUsage(rusageThread, usage) == 0
            ? ((usage[0] + usage[2]) * 1000.0) + ((usage[1] + usage[3]) / 1000.0)
            : 0;
    }
}
