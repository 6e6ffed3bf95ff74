using System.Net.Http.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Sittings;

/// <summary>Builds accounts, registrations and API keys in the running app's database, and posts batches to the API.</summary>
public sealed class SittingsWebWorld(DashboardWebFactory factory)
{
    public sealed record Sitting(int AccountId, Registration Registration, Subject Subject);

    public DashboardDbContext CreateDbContext(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(TestProvider.Options(factory.ConnectionString, factory.Provider), scope);
    }

    /// <summary>A new account with one candidate registered (to be taken) for a new three-question subject.</summary>
    public async Task<Sitting> RegistrationAsync(
        TestType type = TestType.Evaluation, string lastName = "Martin", string firstName = "Anne", DateTimeOffset? registeredAt = null)
    {
        _ = factory.Services; // the app creates the database when it starts
        await using var db = CreateDbContext(null);
        var account = new Account { Name = $"Live {Guid.NewGuid():N}", CreatedAt = DateTimeOffset.UtcNow };
        var subject = new Subject { Name = "Excel", Scale = ScoreScale.Points1000, CertificationThreshold = 551, QuestionsPerTest = 3, DurationMinutes = 20 };
        var skill = new Skill { Name = "Formulas" };
        subject.Skills.Add(skill);
        db.AddRange(account, subject);
        await db.SaveChangesAsync();
        for (var i = 0; i < 3; i++)
        {
            subject.Questions.Add(new Question { SkillId = skill.Id, Order = i, Text = $"Q{i}", Kind = QuestionKind.SingleChoice, Choices = "A|B", CorrectAnswer = "A" });
        }

        var group = new Group { AccountId = account.Id, Name = "Sales" };
        db.Add(group);
        await db.SaveChangesAsync();
        var candidate = new Candidate { AccountId = account.Id, GroupId = group.Id, FirstName = firstName, LastName = lastName, Email = $"{Guid.NewGuid():N}@example.test" };
        db.Add(candidate);
        await db.SaveChangesAsync();
        var registration = new Registration
        {
            AccountId = account.Id, CandidateId = candidate.Id, GroupId = group.Id, SubjectId = subject.Id, TestType = type,
            Status = RegistrationStatus.ToBeTaken, RegisteredAt = registeredAt ?? RegisteredAt,
            SortName = $"{lastName} {firstName}".ToLowerInvariant(), ProctoringProfile = ProctoringProfile.Video,
        };
        db.Add(registration);
        await db.SaveChangesAsync();
        return new Sitting(account.Id, registration, subject);
    }

    /// <summary>When <see cref="RegistrationAsync"/> registers by default: before the events the API tests send.</summary>
    public static readonly DateTimeOffset RegisteredAt = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Another registration in the same account (and subject) as <paramref name="sitting"/>.</summary>
    public async Task<Registration> AnotherRegistrationAsync(Sitting sitting)
    {
        await using var db = CreateDbContext(sitting.AccountId);
        var registration = new Registration
        {
            AccountId = sitting.AccountId, CandidateId = sitting.Registration.CandidateId, GroupId = sitting.Registration.GroupId,
            SubjectId = sitting.Subject.Id, Status = RegistrationStatus.ToBeTaken, RegisteredAt = DateTimeOffset.UtcNow, SortName = sitting.Registration.SortName,
        };
        db.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }

    /// <summary>The account of the demo owner (owner@acme.test) when administrators are seeded, else the first account.</summary>
    public async Task<int> DemoAccountIdAsync()
    {
        _ = factory.Services;
        await using var db = CreateDbContext(null);
        var owner = await db.Users.Where(u => u.NormalizedEmail == "OWNER@ACME.TEST").Select(u => (int?)u.AccountId).FirstOrDefaultAsync();
        return owner ?? await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    /// <summary>A new candidate (with a unique last name) registered, to be taken, in an existing unarchived group of the account.</summary>
    public async Task<Registration> RegisterNewCandidateAsync(int accountId, string lastName)
    {
        await using var db = CreateDbContext(accountId);
        var groupId = await db.Groups.Where(g => !g.IsArchived).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
        var subjectId = await db.Subjects.Where(s => s.Questions.Count > 0).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var candidate = new Candidate { AccountId = accountId, GroupId = groupId, FirstName = "Livia", LastName = lastName, Email = $"{Guid.NewGuid():N}@example.test" };
        var registration = new Registration
        {
            AccountId = accountId, Candidate = candidate, GroupId = groupId, SubjectId = subjectId, Status = RegistrationStatus.ToBeTaken,
            RegisteredAt = DateTimeOffset.UtcNow.AddDays(-1), SortName = $"{lastName} livia".ToLowerInvariant(),
        };
        db.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }

    public async Task<string> ApiKeyAsync(int accountId, string name = "Delivery platform")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Test owner");
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name, CancellationToken.None)).Key;
    }

    public async Task RevokeAsync(int accountId, string key)
    {
        await using var db = CreateDbContext(accountId);
        var hash = ApiKeyService.Hash(key);
        var id = await db.Set<ApiKey>().Where(k => k.KeyHash == hash).Select(k => k.Id).SingleAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Test owner");
        await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(id, CancellationToken.None);
    }

    /// <summary>Everything about the registration the API may change, to compare before and after a refused request.</summary>
    public async Task<string> SnapshotAsync(Sitting sitting)
    {
        await using var db = CreateDbContext(sitting.AccountId);
        var r = await db.Registrations.AsNoTracking().Include(x => x.Responses).Include(x => x.Incidents).SingleAsync(x => x.Id == sitting.Registration.Id);
        var processed = await db.Set<ProcessedSittingEvent>().CountAsync();
        return $"{r.Status}|{r.StartedAt}|{r.CompletedAt}|{r.Score}|{r.IncidentCount}|{r.Responses.Count}|{r.Incidents.Count}|{r.Version}|{processed}";
    }

    public async Task<Registration> LoadAsync(Sitting sitting)
    {
        await using var db = CreateDbContext(sitting.AccountId);
        return await db.Registrations.AsNoTracking().Include(x => x.Responses).Include(x => x.Incidents).SingleAsync(x => x.Id == sitting.Registration.Id);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, object batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sitting-events") { Content = JsonContent.Create(batch) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string? key, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sitting-events")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static object Event(string type, int registrationId, DateTimeOffset at, int? questionId = null, string? answer = null,
        int? timeSpentSeconds = null, string? incidentKind = null, string? detail = null, string? eventId = null) => new
    {
        eventId = eventId ?? Guid.NewGuid().ToString(),
        type,
        registrationId,
        occurredAt = at,
        questionId,
        answer,
        timeSpentSeconds,
        incidentKind,
        detail,
    };
}
