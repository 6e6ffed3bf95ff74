// Dashboard.Bench: seeds big databases and measures the grid, documents, jobs and ingestion.
// Usage: dotnet run -c Release --project Dashboard.Bench -- <suite> [options]
// Each suite lives in its own file; add one line here to register it.
using Dashboard.Bench;

var suites = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["results"] = ResultsSuite.RunAsync,
    ["dashboard"] = DashboardBenchmark.RunAsync,
    ["events"] = EventsBenchmark.RunAsync,
    ["documents"] = DocumentsSuite.RunAsync,
    ["bulk"] = BulkBenchmark.RunAsync,
    ["feed"] = FeedLatencyBenchmark.RunAsync,
    ["proctoring"] = ProctoringSuite.RunAsync,
    ["scale-out"] = Dashboard.Bench.ScaleOut.ScaleOutSuite.RunAsync,
    ["circuits"] = CircuitsSuite.RunAsync,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.WriteLine($"usage: Dashboard.Bench <{string.Join('|', suites.Keys)}> [--rows N] [options]");
    return 1;
}

return await suite(args[1..]);
