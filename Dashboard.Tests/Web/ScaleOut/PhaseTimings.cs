using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// Where the two-node journey's time goes (publish, each node's start-up, each step), printed after the test for the
/// record: measured, never asserted. Phases may overlap (the nodes start side by side), so they need not add up.
/// </summary>
public sealed class PhaseTimings
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took)> _phases = [];
    private readonly Lock _lock = new();

    public async Task<T> MeasureAsync<T>(string phase, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            Add(phase, stopwatch.Elapsed);
        }
    }

    public Task MeasureAsync(string phase, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return MeasureAsync(phase, async () =>
        {
            await action();
            return true;
        });
    }

    public void Add(string phase, TimeSpan took)
    {
        lock (_lock)
        {
            _phases.Add((phase, took));
        }
    }

    /// <summary>One line per phase, then the time since the fixture began, with the machine's load average.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        lock (_lock)
        {
            foreach (var (phase, took) in _phases)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {took.TotalSeconds,6:F1} s  {phase}");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"  {_total.Elapsed.TotalSeconds,6:F1} s  since the cluster fixture began; load average {LoadAverage()}");
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
