using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>
/// A fresh SQLite file with one group of 1,000 candidates, each with a completed 16-question sitting
/// (answers and points, so per-skill scores are real): the individual and group report workload.
/// </summary>
internal sealed class ReportWorld : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services;

    private ReportWorld(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public int AccountId { get; private set; }
    public int GroupId { get; private set; }
    public int SubjectId { get; private set; }
    public List<int> RegistrationIds { get; private set; } = [];

    public static async Task<ReportWorld> CreateAsync(int candidates = 1000)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-documents-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = $"Data Source={Path.Combine(directory, "documents.db")}";
        var services = new ServiceCollection();
        services.AddDashboardCoreServices((_, options) => options.UseSqlite(connectionString));
        var world = new ReportWorld(directory, services.BuildServiceProvider());
        await world.SeedAsync(connectionString, candidates);
        return world;
    }

    /// <summary>What the individual report of a registration shows, loaded once (to time the rendering alone).</summary>
    public async Task<Dashboard.Core.Documents.IndividualReportModel> LoadModelAsync(int registrationId)
    {
        await using var scope = CreateScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var registration = await db.Registrations.Include(r => r.Candidate).Include(r => r.Group).Include(r => r.Subject!).ThenInclude(s => s.Skills)
                .Include(r => r.Subject!).ThenInclude(s => s.Questions).Include(r => r.Responses).AsSplitQuery().SingleAsync(r => r.Id == registrationId);
            var subject = registration.Subject!;
            var scores = ScoreCalculator.Compute(subject, registration.Responses);
            var questions = subject.Questions.ToDictionary(q => q.Id);
            var skills = subject.Skills.ToDictionary(k => k.Id, k => k.Name);
            var lines = registration.Responses.OrderBy(r => r.Order).Select((r, i) =>
            {
                var q = questions[r.QuestionId];
                return new Dashboard.Core.Documents.QuestionLine(i + 1, q.Text, skills[q.SkillId], r.Answer, q.CorrectAnswer, r.Points, q.MaxPoints, r.TimeSpentSeconds, q.ManuallyGraded);
            }).ToList();
            var sitting = new Dashboard.Core.Documents.SittingInfo
            {
                RegistrationId = registration.Id, FirstName = registration.Candidate!.FirstName, LastName = registration.Candidate.LastName,
                Email = registration.Candidate.Email, GroupName = registration.Group!.Name, SubjectName = subject.Name, Scale = subject.Scale,
                Status = registration.Status, StartedAt = registration.StartedAt, CompletedAt = registration.CompletedAt,
                DurationSeconds = registration.DurationSeconds, Score = registration.Score, Level = registration.Level,
            };
            return new Dashboard.Core.Documents.IndividualReportModel(sitting, scores, lines, DateTimeOffset.UtcNow);
        }
    }

    public AsyncServiceScope CreateScope()
    {
        var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(AccountId);
        return scope;
    }

    private async Task SeedAsync(string connectionString, int count)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connectionString).Options;
        await using (var db = new DashboardDbContext(options, new AccountScope()))
        {
            await DatabaseInitializer.InitializeAsync(db);
            var account = new Account { Name = "Bench Academy", CreatedAt = DateTimeOffset.UtcNow };
            db.Accounts.Add(account);
            var subject = new Subject { Name = "Excel — advanced", Scale = ScoreScale.Points1000, CertificationThreshold = 551, QuestionsPerTest = 16, DurationMinutes = 30 };
            string[] skills = ["Formulas", "Pivot tables", "Charts", "Data cleaning"];
            for (var s = 0; s < skills.Length; s++)
            {
                subject.Skills.Add(new Skill { Name = skills[s], Order = s });
            }

            db.Subjects.Add(subject);
            await db.SaveChangesAsync();
            var order = 0;
            foreach (var skill in subject.Skills)
            {
                for (var q = 0; q < 4; q++)
                {
                    subject.Questions.Add(new Question
                    {
                        SkillId = skill.Id, Order = order++, Kind = QuestionKind.SingleChoice, Choices = "A|B|C|D", CorrectAnswer = "B",
                        Text = $"{skill.Name}: which option gives the expected result in case {q + 1}?", MaxPoints = 1,
                    });
                }
            }

            await db.SaveChangesAsync();
            AccountId = account.Id;
            SubjectId = subject.Id;
            var group = new Group { AccountId = account.Id, Name = "Promotion 2026" };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            GroupId = group.Id;
        }

        var scope = new AccountScope();
        scope.SetSystem(AccountId);
        await using (var db = new DashboardDbContext(options, scope))
        {
            var subject = await db.Subjects.Include(s => s.Skills).Include(s => s.Questions).SingleAsync(s => s.Id == SubjectId);
            var random = new Random(2026);
            string[] first = ["Łukasz", "Benoît", "Åsa", "Zoë", "Chloé", "Mathéo", "Ingrid", "Sørina"];
            string[] last = ["Ødegård", "Lefèvre", "Nowak", "Dupré", "Bäcker", "Martin", "Østergaard", "Brisson"];
            var completed = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
            var registrations = new List<Registration>(count);
            for (var i = 0; i < count; i++)
            {
                var ability = random.NextDouble();
                var responses = subject.Questions.Select((q, k) =>
                {
                    var right = random.NextDouble() < ability;
                    return new Response { QuestionId = q.Id, Order = k, Answer = right ? "B" : "C", Points = right ? 1 : 0, TimeSpentSeconds = 15 + random.Next(90) };
                }).ToList();
                var score = ScoreCalculator.Compute(subject, responses);
                var candidate = new Candidate
                {
                    AccountId = AccountId, GroupId = GroupId, FirstName = first[i % first.Length], LastName = $"{last[i / first.Length % last.Length]}-{i:D4}",
                    Email = $"candidate{i}@bench.test",
                };
                registrations.Add(new Registration
                {
                    AccountId = AccountId, Candidate = candidate, GroupId = GroupId, SubjectId = SubjectId, TestType = TestType.Evaluation,
                    Status = RegistrationStatus.Completed, RegisteredAt = completed.AddDays(-7), StartedAt = completed.AddMinutes(-25),
                    CompletedAt = completed.AddHours(i % 500), DurationSeconds = 1500, Score = score.Score, Level = score.Level,
                    SortName = $"{candidate.LastName} {candidate.FirstName}".ToLowerInvariant(), Responses = responses,
                });
            }

            db.Registrations.AddRange(registrations);
            await db.SaveChangesAsync();
            RegistrationIds = registrations.Select(r => r.Id).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
