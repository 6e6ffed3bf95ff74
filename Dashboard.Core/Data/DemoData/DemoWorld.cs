namespace Dashboard.Core.Data.DemoData;

/// <param name="Seed">Random seed: the same seed, size and clock give the same world.</param>
/// <param name="Registrations">Approximate number of registrations (both accounts together).</param>
/// <param name="AdminPassword">Password of the seeded administrators; none are created without it.</param>
/// <param name="WithResponses">Answers for started sittings (off for the million-row benchmark world).</param>
public sealed record DemoWorldOptions(int Seed = 20261127, int Registrations = 12_000, string? AdminPassword = null, bool WithResponses = true);

/// <summary>Generates the deterministic demo world (two accounts, groups, candidates, subjects, registrations).</summary>
public static class DemoWorld
{
    public static Task SeedAsync(DashboardDbContext db, DemoWorldOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new DemoWorldGenerator(options, time.GetUtcNow()).RunAsync(db, cancellationToken);
    }
}
