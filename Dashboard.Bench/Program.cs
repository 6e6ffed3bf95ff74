// Dashboard.Bench: seeds big databases and measures the grid, documents, jobs and ingestion.
// Usage: dotnet run -c Release --project Dashboard.Bench -- <suite> [options]
Console.WriteLine("usage: Dashboard.Bench <results|documents|bulk|events|dashboard> [--rows N]");
return 1;
