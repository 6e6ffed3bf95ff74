using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;

namespace Dashboard.Tests.Core.Scoring;

public sealed class AbilityEstimatorTests
{
    private static readonly double[] Difficulties = [-1, -0.5, 0, 0.5, 1];
    private static readonly bool[] Pattern = [true, true, false, true, false];

    [Fact]
    public void EapEstimateMatchesAnIndependentSimpsonIntegrationToThreeDecimals()
    {
        var (mean, sd) = PosteriorBySimpson(Difficulties, Pattern);

        var estimate = AbilityEstimator.Estimate(Difficulties.Zip(Pattern, (b, x) => new RaschAnswer(b, x)));

        Assert.Equal(mean, estimate.Ability, 0.0005);
        Assert.Equal(sd, estimate.StandardError, 0.0005);
        // Three right out of five around 0: a positive ability, well short of the prior's SD of 1.
        Assert.InRange(estimate.Ability, 0.05, 0.6);
        Assert.InRange(estimate.StandardError, 0.6, 0.95);
    }

    [Fact]
    public void EveryPointOfTheCurveMatchesTheIndependentIntegrationOfItsPrefix()
    {
        var trace = AbilityEstimator.Trace(Difficulties.Zip(Pattern, (b, x) => new RaschAnswer(b, x)));

        Assert.Equal(5, trace.Count);
        for (var n = 1; n <= 5; n++)
        {
            var (mean, sd) = PosteriorBySimpson(Difficulties[..n], Pattern[..n]);
            Assert.Equal(mean, trace[n - 1].Ability, 0.0005);
            Assert.Equal(sd, trace[n - 1].StandardError, 0.0005);
        }
    }

    [Fact]
    public void WithoutAnswersTheEstimateIsThePrior()
    {
        var estimate = AbilityEstimator.Estimate([]);

        Assert.Equal(0, estimate.Ability, 0.0005);
        Assert.Equal(1, estimate.StandardError, 0.0005);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AllRightAndAllWrongStartsStayFiniteAndMoveMonotonically(bool correct)
    {
        var answers = Enumerable.Range(0, 20).Select(i => new RaschAnswer(-2 + (0.2 * i), correct)).ToList();

        var trace = AbilityEstimator.Trace(answers);

        Assert.All(trace, e => Assert.True(double.IsFinite(e.Ability) && double.IsFinite(e.StandardError)));
        Assert.All(trace, e => Assert.InRange(e.StandardError, 0.01, 1));
        for (var i = 1; i < trace.Count; i++)
        {
            Assert.True(correct ? trace[i].Ability > trace[i - 1].Ability : trace[i].Ability < trace[i - 1].Ability);
        }

        Assert.True(correct ? trace[0].Ability > 0 : trace[0].Ability < 0);
    }

    [Fact]
    public void ApplyStoresTheCurveOnGradedResponsesOfAnAdaptiveSubject()
    {
        var subject = new Subject { Name = "English", IsAdaptive = true };
        for (var i = 0; i < 5; i++)
        {
            subject.Questions.Add(new Question { Id = i + 1, Text = $"Q{i}", MaxPoints = 2, Difficulty = Difficulties[i] });
        }

        var responses = Enumerable.Range(0, 5)
            .Select(i => new Response { QuestionId = i + 1, Order = i + 1, Points = Pattern[i] ? 2 : 0 })
            .Append(new Response { QuestionId = 1, Order = 6, Points = null })
            .ToList();

        AbilityEstimator.Apply(subject, responses);

        var (mean, sd) = PosteriorBySimpson(Difficulties, Pattern);
        Assert.Equal(mean, responses[4].AbilityAfter!.Value, 0.0005);
        Assert.Equal(sd, responses[4].AbilityStandardError!.Value, 0.0005);
        Assert.Null(responses[5].AbilityAfter);
    }

    /// <summary>
    /// The posterior mean and SD written independently of the estimator: Simpson's rule on [-10, 10] with
    /// 4,000 intervals, the likelihood as a plain product of probabilities and the N(0,1) density.
    /// </summary>
    private static (double Mean, double Sd) PosteriorBySimpson(double[] difficulties, bool[] correct)
    {
        const int intervals = 4000;
        const double a = -10, b = 10, h = (b - a) / intervals;
        double m0 = 0, m1 = 0, m2 = 0;
        for (var i = 0; i <= intervals; i++)
        {
            var theta = a + (i * h);
            var density = Math.Exp(-theta * theta / 2) / Math.Sqrt(2 * Math.PI);
            for (var k = 0; k < difficulties.Length; k++)
            {
                var p = Math.Exp(theta - difficulties[k]) / (1 + Math.Exp(theta - difficulties[k]));
                density *= correct[k] ? p : 1 - p;
            }

            var weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            m0 += weight * density;
            m1 += weight * density * theta;
            m2 += weight * density * theta * theta;
        }

        var mean = m1 / m0;
        return (mean, Math.Sqrt((m2 / m0) - (mean * mean)));
    }
}
