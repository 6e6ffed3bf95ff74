using Dashboard.Core.Domain;

namespace Dashboard.Core.Scoring;

/// <summary>One dichotomous answer as the Rasch model sees it.</summary>
public readonly record struct RaschAnswer(double Difficulty, bool Correct);

/// <summary>Ability on the logit scale and its standard error.</summary>
public readonly record struct AbilityEstimate(double Ability, double StandardError);

/// <summary>The estimate after one answered item of an adaptive test: a point of the calibration curve.</summary>
public sealed record AbilityStep(int Order, int QuestionId, double Difficulty, bool Correct, double Ability, double StandardError);

/// <summary>
/// Rasch-model ability estimation for adaptive tests: P(correct | θ, b) = 1 / (1 + e^-(θ - b)).
/// Expected a posteriori (EAP) with a standard normal prior, integrated on a fixed quadrature grid:
/// unlike maximum likelihood it stays finite when every answer so far is right (or wrong), which is
/// exactly how every adaptive sitting starts. The standard error is the posterior standard deviation.
/// Adaptive subjects keep the points-based score of <see cref="ScoreCalculator"/> on their scale (one scoring
/// rule for reports, levels and certification thresholds); θ is shown on the calibration curve only.
/// </summary>
public static class AbilityEstimator
{
    /// <summary>Grid bounds in logits: wide enough that the N(0,1) prior leaves no mass outside (≈ 2e-9).</summary>
    public const double GridBound = 6;

    /// <summary>121 nodes, a step of 0.1 logit: the rectangle rule is exact to ~1e-6 for these smooth posteriors.</summary>
    public const int GridPoints = 121;

    private static readonly double[] Nodes = Enumerable.Range(0, GridPoints)
        .Select(i => -GridBound + (2 * GridBound * i / (GridPoints - 1)))
        .ToArray();

    /// <summary>Log of the N(0,1) prior up to a constant.</summary>
    private static readonly double[] LogPrior = Nodes.Select(t => -0.5 * t * t).ToArray();

    public static double ProbabilityCorrect(double ability, double difficulty) => 1 / (1 + Math.Exp(-(ability - difficulty)));

    /// <summary>The EAP estimate from the answers given so far (the prior alone when there are none: 0 ± 1).</summary>
    public static AbilityEstimate Estimate(IEnumerable<RaschAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var logPosterior = (double[])LogPrior.Clone();
        foreach (var answer in answers)
        {
            AddAnswer(logPosterior, answer);
        }

        return Summarise(logPosterior);
    }

    /// <summary>The calibration curve: the estimate after each answer, in order, updating the posterior incrementally.</summary>
    public static IReadOnlyList<AbilityEstimate> Trace(IEnumerable<RaschAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var logPosterior = (double[])LogPrior.Clone();
        var steps = new List<AbilityEstimate>();
        foreach (var answer in answers)
        {
            AddAnswer(logPosterior, answer);
            steps.Add(Summarise(logPosterior));
        }

        return steps;
    }

    /// <summary>
    /// Calibration curve of a sitting: responses in answer order, each scored right when it earned its full
    /// points. Responses not graded yet (no points) are left out: they carry no evidence.
    /// </summary>
    public static IReadOnlyList<AbilityStep> Trace(IEnumerable<Response> responses, IReadOnlyDictionary<int, Question> questions)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(questions);
        var scored = responses
            .Where(r => r.Points is not null && questions.ContainsKey(r.QuestionId))
            .OrderBy(r => r.Order)
            .Select(r => (Response: r, Question: questions[r.QuestionId]))
            .ToList();
        var answers = scored.Select(x => new RaschAnswer(x.Question.Difficulty, IsCorrect(x.Response, x.Question))).ToList();
        var estimates = Trace(answers);
        return scored
            .Select((x, i) => new AbilityStep(x.Response.Order, x.Question.Id, answers[i].Difficulty, answers[i].Correct,
                estimates[i].Ability, estimates[i].StandardError))
            .ToList();
    }

    /// <summary>Stores the ability and standard error after each graded response (adaptive subjects only).</summary>
    public static void Apply(Subject subject, IEnumerable<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(responses);
        if (!subject.IsAdaptive)
        {
            return;
        }

        var list = responses.ToList();
        var questions = subject.Questions.ToDictionary(q => q.Id);
        var byOrder = Trace(list, questions).ToDictionary(s => s.Order);
        foreach (var response in list)
        {
            var found = byOrder.TryGetValue(response.Order, out var step);
            response.AbilityAfter = found ? step!.Ability : null;
            response.AbilityStandardError = found ? step!.StandardError : null;
        }
    }

    /// <summary>Right means full points: the Rasch model is dichotomous.</summary>
    public static bool IsCorrect(Response response, Question question)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(question);
        return response.Points is { } points && points >= question.MaxPoints - 1e-9;
    }

    private static void AddAnswer(double[] logPosterior, RaschAnswer answer)
    {
        for (var i = 0; i < Nodes.Length; i++)
        {
            var p = ProbabilityCorrect(Nodes[i], answer.Difficulty);
            logPosterior[i] += Math.Log(answer.Correct ? p : 1 - p);
        }
    }

    private static AbilityEstimate Summarise(double[] logPosterior)
    {
        // Shift by the maximum before exponentiating so long all-right or all-wrong patterns cannot underflow.
        var max = logPosterior.Max();
        double sum = 0, mean = 0;
        for (var i = 0; i < Nodes.Length; i++)
        {
            var w = Math.Exp(logPosterior[i] - max);
            sum += w;
            mean += w * Nodes[i];
        }

        mean /= sum;
        double variance = 0;
        for (var i = 0; i < Nodes.Length; i++)
        {
            var d = Nodes[i] - mean;
            variance += Math.Exp(logPosterior[i] - max) * d * d;
        }

        return new AbilityEstimate(mean, Math.Sqrt(variance / sum));
    }
}
