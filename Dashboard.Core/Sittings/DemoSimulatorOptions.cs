using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Sittings;

public sealed class DemoSimulatorOptions
{
    public const string Section = "Demo:Simulator";

    /// <summary>Plays sittings for the first account; on in the demo configuration, off in tests.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seconds between two steps; each step starts a sitting and moves the others on.</summary>
    [Range(0.05, 3600)]
    public double IntervalSeconds { get; set; } = 3;

    /// <summary>How many sittings run at the same time.</summary>
    [Range(1, 200)]
    public int MaxConcurrentSittings { get; set; } = 8;

    /// <summary>At most this many questions are answered per simulated sitting, so one lasts seconds, not an hour.</summary>
    [Range(1, 500)]
    public int MaxQuestionsPerSitting { get; set; } = 15;

    /// <summary>The demo account never has fewer registrations to be taken than this (so cancelling can always be tried):
    /// below it, each step registers new candidates, each for one credit.</summary>
    [Range(0, 100_000)]
    public int ToBeTakenFloor { get; set; } = 40;

    /// <summary>When the valid credits left for a test type fall below this, the account buys a new pack.</summary>
    [Range(1, 100_000)]
    public int LowCreditThreshold { get; set; } = 25;

    /// <summary>Credits in a pack the demo account buys.</summary>
    [Range(1, 1_000_000)]
    public int PackSize { get; set; } = 250;

    /// <summary>Fixes the random choices (tests); null for a different show every run.</summary>
    public int? Seed { get; set; }
}
