using System.Diagnostics;

namespace Dashboard.Bench;

/// <summary>Runs an operation repeatedly and reports the median and 95th percentile in milliseconds.</summary>
internal static class Timing
{
    public sealed record Result(double Median, double P95);

    public static async Task<Result> MeasureAsync(Func<Task> operation, int iterations, int warmup = 2)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Result(Percentile(samples, 0.5), Percentile(samples, 0.95));
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
