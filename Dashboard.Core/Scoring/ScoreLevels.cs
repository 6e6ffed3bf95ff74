using Dashboard.Core.Domain;

namespace Dashboard.Core.Scoring;

/// <summary>A level of the 1–1000 scale and its inclusive bounds.</summary>
public sealed record ScoreLevelRange(ScoreLevel Level, string Name, int From, int To);

/// <summary>The five levels of the 1–1000 scale, in order, as <see cref="ScoreCalculator.LevelFor"/> assigns them.</summary>
public static class ScoreLevels
{
    public static IReadOnlyList<ScoreLevelRange> All { get; } =
    [
        new(ScoreLevel.Initial, "Initial", 1, 350),
        new(ScoreLevel.Basic, "Basic", 351, 550),
        new(ScoreLevel.Operational, "Operational", 551, 725),
        new(ScoreLevel.Advanced, "Advanced", 726, 875),
        new(ScoreLevel.Expert, "Expert", 876, 1000),
    ];
}
