using Dashboard.Core.Domain;

namespace Dashboard.Tests.Support;

/// <summary>
/// Builds a small, explicit world for one test: an account, groups, candidates, a subject with an
/// item bank, and registrations. Each call saves immediately and returns the entity with its id.
/// </summary>
public sealed class WorldBuilder(TestDatabase database)
{
    private int _counter;

    private int Next() => Interlocked.Increment(ref _counter);

    public async Task<Account> AccountAsync(string name = "Acme")
    {
        await using var db = database.CreateDbContext(null);
        var account = new Account { Name = $"{name} {Guid.NewGuid():N}"[..Math.Min(60, name.Length + 33)], CreatedAt = database.Time.GetUtcNow() };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<Group> GroupAsync(Account account, string name = "Sales", Group? parent = null, bool archived = false)
    {
        await using var db = database.CreateDbContext(account.Id);
        var group = new Group { AccountId = account.Id, Name = name, ParentGroupId = parent?.Id, IsArchived = archived };
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    public async Task<Candidate> CandidateAsync(Group group, string firstName = "Anne", string lastName = "Martin", string? email = null, string language = "en")
    {
        await using var db = database.CreateDbContext(group.AccountId);
        var candidate = new Candidate
        {
            AccountId = group.AccountId,
            GroupId = group.Id,
            FirstName = firstName,
            LastName = lastName,
            Email = email ?? $"{Ascii(firstName)}.{Ascii(lastName)}.{Next()}@example.test",
            PreferredLanguage = language,
        };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        return candidate;
    }

    /// <summary>A subject with <paramref name="skills"/> skills and <paramref name="questionsPerSkill"/> single-choice questions each (1 point, answer "A"), plus optional essays.</summary>
    public async Task<Subject> SubjectAsync(string name = "Excel", int skills = 2, int questionsPerSkill = 3, int essays = 0,
        ScoreScale scale = ScoreScale.Points1000, bool adaptive = false, double threshold = 551)
    {
        await using var db = database.CreateDbContext(null);
        var subject = new Subject { Name = name, Scale = scale, IsAdaptive = adaptive, CertificationThreshold = threshold, DurationMinutes = 30 };
        for (var s = 0; s < skills; s++)
        {
            subject.Skills.Add(new Skill { Name = $"{name} skill {s + 1}", Order = s });
        }

        db.Subjects.Add(subject);
        await db.SaveChangesAsync();
        var order = 0;
        foreach (var skill in subject.Skills)
        {
            for (var q = 0; q < questionsPerSkill; q++)
            {
                subject.Questions.Add(new Question
                {
                    SkillId = skill.Id, Order = order++, Kind = QuestionKind.SingleChoice, Text = $"Question {order}",
                    Choices = "A|B|C|D", CorrectAnswer = "A", MaxPoints = 1, Difficulty = -1 + (0.5 * q),
                });
            }
        }

        for (var e = 0; e < essays; e++)
        {
            subject.Questions.Add(new Question
            {
                SkillId = subject.Skills[e % subject.Skills.Count].Id, Order = order++, Kind = e % 2 == 0 ? QuestionKind.Essay : QuestionKind.Code,
                Text = $"Essay {e + 1}", MaxPoints = 5,
            });
        }

        subject.QuestionsPerTest = subject.Questions.Count;
        await db.SaveChangesAsync();
        return subject;
    }

    public async Task<Registration> RegistrationAsync(Candidate candidate, Subject subject,
        RegistrationStatus status = RegistrationStatus.Completed, TestType type = TestType.Evaluation,
        double? score = null, DateTimeOffset? completedAt = null, TestSession? session = null,
        Action<Registration>? configure = null)
    {
        await using var db = database.CreateDbContext(candidate.AccountId);
        var now = database.Time.GetUtcNow();
        var registration = new Registration
        {
            AccountId = candidate.AccountId,
            CandidateId = candidate.Id,
            GroupId = candidate.GroupId,
            SubjectId = subject.Id,
            TestType = type,
            SessionId = session?.Id,
            Status = status,
            RegisteredAt = now.AddDays(-10),
            SortName = Dashboard.Core.Results.TextFold.SortName(candidate.LastName, candidate.FirstName),
        };
        if (status is RegistrationStatus.InProgress or RegistrationStatus.Completed or RegistrationStatus.PendingGrading)
        {
            registration.StartedAt = (completedAt ?? now).AddMinutes(-25);
        }

        if (status is RegistrationStatus.Completed or RegistrationStatus.PendingGrading)
        {
            registration.CompletedAt = completedAt ?? now.AddHours(-1);
            registration.DurationSeconds = 25 * 60;
        }

        if (status == RegistrationStatus.Completed)
        {
            registration.Score = score ?? 600;
            registration.Level = subject.Scale == ScoreScale.Points1000 ? Dashboard.Core.Scoring.ScoreCalculator.LevelFor(registration.Score.Value) : null;
        }

        configure?.Invoke(registration);
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }

    public async Task<TestSession> SessionAsync(Account account, string name = "November session")
    {
        await using var db = database.CreateDbContext(account.Id);
        var session = new TestSession { AccountId = account.Id, Name = name, StartsOn = new DateOnly(2026, 11, 1), EndsOn = new DateOnly(2026, 11, 30) };
        db.TestSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    private static string Ascii(string s) =>
        new(s.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit).ToArray());
}
