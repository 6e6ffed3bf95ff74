// Dashboard.Bench: seeds big databases and measures the grid, documents, jobs and ingestion.
// Usage: dotnet run -c Release --project Dashboard.Bench -- <suite> [options]
if (args.Length > 0 && args[0] == "bulk")
{
    return await Dashboard.Bench.BulkBenchmark.RunAsync(args[1..]);
}

Console.WriteLine("usage: Dashboard.Bench <results|documents|bulk|events|dashboard> [--rows N]");
return 1;
