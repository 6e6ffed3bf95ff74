namespace Dashboard.Web.Hosting;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo world when the database is empty.</summary>
    public bool Seed { get; set; }

    /// <summary>Random seed of the demo world: the same seed gives the same world.</summary>
    public int SeedValue { get; set; } = 20261127;

    /// <summary>Approximate number of registrations in the demo world.</summary>
    public int Registrations { get; set; } = 12_000;

    /// <summary>Password of the seeded demo administrators (owner@acme.test, grader@acme.test, …).</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Proctored sittings per account that get drawn captures (the most recent with incidents).</summary>
    public int CaptureSittings { get; set; } = 30;
}
