using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Tests.Core.Scoring;

public sealed class ScoreCalculatorTests
{
    [Theory]
    [InlineData(1, ScoreLevel.Initial)]
    [InlineData(350, ScoreLevel.Initial)]
    [InlineData(351, ScoreLevel.Basic)]
    [InlineData(550, ScoreLevel.Basic)]
    [InlineData(551, ScoreLevel.Operational)]
    [InlineData(725, ScoreLevel.Operational)]
    [InlineData(726, ScoreLevel.Advanced)]
    [InlineData(875, ScoreLevel.Advanced)]
    [InlineData(876, ScoreLevel.Expert)]
    [InlineData(1000, ScoreLevel.Expert)]
    public void LevelsChangeExactlyAtTheScaleBoundaries(double score, ScoreLevel expected) =>
        Assert.Equal(expected, ScoreCalculator.LevelFor(score));

    [Fact]
    public void LevelTableMatchesTheLevelOfEachBound()
    {
        foreach (var range in ScoreLevels.All)
        {
            Assert.Equal(range.Level, ScoreCalculator.LevelFor(range.From));
            Assert.Equal(range.Level, ScoreCalculator.LevelFor(range.To));
        }
    }

    [Fact]
    public void OverallAndPerSkillScoresFollowThePointsEarned()
    {
        // Skill 1: 3/3, skill 2: 1/3 → overall 4/6.
        var subject = Subject(ScoreScale.Points1000);
        var responses = Responses(subject, "111100");

        var result = ScoreCalculator.Compute(subject, responses);

        Assert.Equal(667, result.Score); // 1 + 999 × 4/6 = 667
        Assert.Equal(ScoreLevel.Operational, result.Level);
        Assert.Collection(result.Skills,
            s => { Assert.Equal("Skill 1", s.SkillName); Assert.Equal(1000, s.Score); Assert.Equal(ScoreLevel.Expert, s.Level); Assert.Equal(3, s.Points); Assert.Equal(3, s.MaxPoints); },
            s => { Assert.Equal("Skill 2", s.SkillName); Assert.Equal(334, s.Score); Assert.Equal(ScoreLevel.Initial, s.Level); Assert.Equal(1, s.Points); });
    }

    [Fact]
    public void PercentageSubjectsScoreInPercentWithoutLevels()
    {
        var subject = Subject(ScoreScale.Percentage);

        var result = ScoreCalculator.Compute(subject, Responses(subject, "111100"));

        Assert.Equal(66.7, result.Score);
        Assert.Null(result.Level);
        Assert.Equal([100, 33.3], result.Skills.Select(s => s.Score));
    }

    [Fact]
    public void DurationsUseTheRecordedDurationAndAverageItPerAnsweredQuestion()
    {
        var subject = Subject(ScoreScale.Points1000);
        var registration = new Registration { DurationSeconds = 1500 };

        var durations = ScoreCalculator.Durations(registration, Responses(subject, "111100"));

        Assert.Equal(TimeSpan.FromMinutes(25), durations.Total);
        Assert.Equal(TimeSpan.FromSeconds(250), durations.AveragePerQuestion);
        Assert.Equal(6, durations.Questions);
    }

    [Fact]
    public void DurationsFallBackToStartAndCompletionTimes()
    {
        var start = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var registration = new Registration { StartedAt = start, CompletedAt = start.AddMinutes(12) };

        var durations = ScoreCalculator.Durations(registration, []);

        Assert.Equal(TimeSpan.FromMinutes(12), durations.Total);
        Assert.Null(durations.AveragePerQuestion);
    }

    private static Subject Subject(ScoreScale scale)
    {
        var subject = new Subject { Name = "Excel", Scale = scale };
        subject.Skills.Add(new Skill { Id = 1, Name = "Skill 1", Order = 0 });
        subject.Skills.Add(new Skill { Id = 2, Name = "Skill 2", Order = 1 });
        for (var i = 0; i < 6; i++)
        {
            subject.Questions.Add(new Question { Id = 10 + i, SkillId = i < 3 ? 1 : 2, Order = i, Text = $"Q{i}", CorrectAnswer = "A", MaxPoints = 1 });
        }

        return subject;
    }

    private static List<Response> Responses(Subject subject, string pattern) =>
        subject.Questions.Select((q, i) => new Response { QuestionId = q.Id, Order = i + 1, Points = pattern[i] == '1' ? 1 : 0 }).ToList();
}
