using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>A certification sitting, proctored on video; validated (and its proctoring too) unless told otherwise.</summary>
    public Task<Registration> CertificationAsync(Candidate candidate, Subject subject, Func<int, bool> correct, bool validated = true,
        ProctoringStatus proctoring = ProctoringStatus.Validated, DateTimeOffset? completedAt = null) =>
        SittingAsync(candidate, subject, correct, completedAt, type: TestType.Certification, configure: r =>
        {
            r.CertificateValidated = validated;
            r.ProctoringProfile = ProctoringProfile.Video;
            r.ProctoringStatus = proctoring;
        });

    /// <summary>
    /// <paramref name="count"/> candidates of <paramref name="group"/>, each with one completed sitting whose score is
    /// <paramref name="score"/>(i), inserted in one unit of work (fast enough for 1,000 candidates).
    /// </summary>
    public async Task<List<Registration>> ManyAsync(Group group, Subject subject, int count, Func<int, double> score,
        Func<int, (string First, string Last)> name, DateTimeOffset completedAt)
    {
        await using var db = database.CreateDbContext(group.AccountId);
        var registrations = new List<Registration>(count);
        for (var i = 0; i < count; i++)
        {
            var (first, last) = name(i);
            var candidate = new Candidate { AccountId = group.AccountId, GroupId = group.Id, FirstName = first, LastName = last, Email = $"c{i}.{Guid.NewGuid():N}@example.test" };
            var value = score(i);
            var responses = subject.Questions.Select((q, k) => new Response { QuestionId = q.Id, Order = k, Answer = "A", Points = q.MaxPoints * value / 1000, TimeSpentSeconds = 30 }).ToList();
            registrations.Add(new Registration
            {
                AccountId = group.AccountId, Candidate = candidate, GroupId = group.Id, SubjectId = subject.Id, TestType = TestType.Evaluation,
                Status = RegistrationStatus.Completed, RegisteredAt = completedAt.AddDays(-3), StartedAt = completedAt.AddMinutes(-20),
                CompletedAt = completedAt, DurationSeconds = 1200, Score = value, Level = ScoreCalculator.LevelFor(value),
                SortName = $"{last} {first}".ToLowerInvariant(), Responses = responses,
            });
        }

        db.Registrations.AddRange(registrations);
        await db.SaveChangesAsync();
        return registrations;
    }

    /// <summary>What the sitting recorder and the grading service do when a certification is validated.</summary>
    public async Task IssueAsync(Registration registration)
    {
        await using var db = database.CreateDbContext(registration.AccountId);
        var tracked = await db.Registrations.Include(r => r.Subject).SingleAsync(r => r.Id == registration.Id);
        CertificateIssuer.Reevaluate(tracked, tracked.Subject!, tracked.CompletedAt!.Value);
        await db.SaveChangesAsync();
    }

    public static IDocumentService Documents(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IDocumentService>();

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
