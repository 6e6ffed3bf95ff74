namespace Dashboard.Core.Data.DemoData;

public sealed record DemoWorldOptions(int Seed = 20261127, int Registrations = 12_000);

/// <summary>Generates the deterministic demo world (two accounts, groups, candidates, subjects, registrations).</summary>
public static class DemoWorld
{
    public static Task SeedAsync(DashboardDbContext db, DemoWorldOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return Task.CompletedTask;
    }
}
