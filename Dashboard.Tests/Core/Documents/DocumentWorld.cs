using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Documents;

/// <summary>Builds sittings with real answers (so per-skill scores come from ScoreCalculator) and reads documents back.</summary>
public sealed class DocumentWorld(TestDatabase database)
{
    public WorldBuilder World { get; } = new(database);

    /// <summary>
    /// A completed sitting answering every question of <paramref name="subject"/>; <paramref name="correct"/> says,
    /// per question index, whether the answer is right. Score and level are computed like the platform does.
    /// </summary>
    public async Task<Registration> SittingAsync(Candidate candidate, Subject subject, Func<int, bool> correct,
        DateTimeOffset? completedAt = null, TestType type = TestType.Evaluation, Action<Registration>? configure = null)
    {
        var responses = subject.Questions.OrderBy(q => q.Order).Select((q, i) => new Response
        {
            QuestionId = q.Id,
            Order = i,
            Answer = correct(i) ? "A" : "B",
            Points = correct(i) ? q.MaxPoints : 0,
            TimeSpentSeconds = 20 + (i * 7 % 50),
        }).ToList();
        var score = ScoreCalculator.Compute(subject, responses);
        return await World.RegistrationAsync(candidate, subject, RegistrationStatus.Completed, type, score.Score, completedAt, configure: r =>
        {
            r.Level = score.Level;
            r.Responses.AddRange(responses);
            configure?.Invoke(r);
        });
    }

    /// <summary>The documents service of a scope, with a results query for the export (the real one when registered).</summary>
    public static IDocumentService Documents(AsyncServiceScope scope)
    {
        var provider = scope.ServiceProvider;
        var query = provider.GetService<IResultsQuery>() ?? new FakeFreeResultsQuery(provider);
        return ActivatorUtilities.CreateInstance<DocumentService>(provider, query);
    }

    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    public static IReadOnlyList<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    /// <summary>Keeps a copy under /tmp for a look with pdf-pages (never read by assertions).</summary>
    public static void Keep(string name, byte[] content) =>
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "dashboard-docs-" + name), content);
}
