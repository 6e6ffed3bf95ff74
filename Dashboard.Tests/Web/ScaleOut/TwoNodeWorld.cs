using System.Security.Cryptography;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>What the two-node journey needs in the nodes' shared database, written there directly by the test.</summary>
internal sealed class TwoNodeWorld(string connectionString)
{
    public DashboardDbContext CreateDbContext(int? accountId = null)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(TestProvider.Options(connectionString, DatabaseProvider.Postgres), scope);
    }

    /// <summary>The demo owner's account (the nodes seeded the demo world).</summary>
    public async Task<int> DemoAccountIdAsync()
    {
        await using var db = CreateDbContext();
        return await db.Users.Where(u => u.NormalizedEmail == "OWNER@ACME.TEST").Select(u => u.AccountId).SingleAsync();
    }

    /// <summary>An API key of the account for the sitting events API (stored as the app stores one: its hash).</summary>
    public async Task<string> ApiKeyAsync(int accountId)
    {
        var key = "rdk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = CreateDbContext(accountId);
        db.Add(new ApiKey
        {
            AccountId = accountId, Name = "Two-node test", KeyHash = ApiKeyService.Hash(key), Prefix = key[..10],
            CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>A candidate registered yesterday, not yet taken, in a group of its own (for the sitting events API).</summary>
    public async Task<Registration> RegistrationToTakeAsync(int accountId, string lastName)
    {
        var (group, subject) = await GroupWithTestAsync(accountId, "Live " + lastName);
        await using var db = CreateDbContext(accountId);
        var registration = NewRegistration(accountId, group, subject, new Candidate
        {
            AccountId = accountId, GroupId = group.Id, FirstName = "Livia", LastName = lastName, Email = $"{Guid.NewGuid():N}@example.test",
        });
        registration.Status = RegistrationStatus.ToBeTaken;
        registration.RegisteredAt = DateTimeOffset.UtcNow.AddDays(-1);
        db.Add(registration);
        await db.SaveChangesAsync();
        return registration;
    }

    /// <summary>A new group of <paramref name="size"/> candidates who each completed the group's one test two days ago.</summary>
    public async Task<(int GroupId, string GroupName, IReadOnlyList<Candidate> Candidates)> CompletedGroupAsync(int accountId, string groupName, int size)
    {
        var (group, subject) = await GroupWithTestAsync(accountId, groupName);
        await using var db = CreateDbContext(accountId);
        var candidates = new List<Candidate>();
        for (var i = 0; i < size; i++)
        {
            var candidate = new Candidate
            {
                AccountId = accountId, GroupId = group.Id, FirstName = "Camille", LastName = $"Node{i:00}",
                Email = $"camille.node{i:00}.{Guid.NewGuid():N}@example.test",
            };
            var registration = NewRegistration(accountId, group, subject, candidate);
            var completedAt = DateTimeOffset.UtcNow.AddDays(-2);
            (registration.Status, registration.RegisteredAt, registration.StartedAt, registration.CompletedAt) =
                (RegistrationStatus.Completed, completedAt.AddDays(-5), completedAt.AddMinutes(-20), completedAt);
            (registration.DurationSeconds, registration.Score, registration.Level) = (1200, 640, Dashboard.Core.Scoring.ScoreCalculator.LevelFor(640));
            db.Add(registration);
            candidates.Add(candidate);
        }

        await db.SaveChangesAsync();
        return (group.Id, group.Name, candidates);
    }

    public async Task<BulkRequest> LatestBulkRequestAsync(int accountId)
    {
        await using var db = CreateDbContext(accountId);
        return await db.Set<BulkRequest>().AsNoTracking().Include(r => r.Failures).OrderByDescending(r => r.Id).FirstAsync();
    }

    /// <summary>Waits (bounded, not timed) until the latest request of the account has finished.</summary>
    public async Task<BulkRequest> FinishedBulkRequestAsync(int accountId, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var request = await LatestBulkRequestAsync(accountId);
            if (request.Status is BulkStatus.Completed or BulkStatus.CompletedWithFailures or BulkStatus.Failed || DateTime.UtcNow > deadline)
            {
                return request;
            }

            await Task.Delay(250);
        }
    }

    private static Registration NewRegistration(int accountId, Group group, Subject subject, Candidate candidate) => new()
    {
        AccountId = accountId, Candidate = candidate, GroupId = group.Id, SubjectId = subject.Id, TestType = TestType.Evaluation,
        SortName = TextFold.SortName(candidate.LastName, candidate.FirstName),
    };

    private async Task<(Group Group, Subject Subject)> GroupWithTestAsync(int accountId, string groupName)
    {
        await using var db = CreateDbContext(accountId);
        var subject = new Subject
        {
            Name = "Excel " + Guid.NewGuid().ToString("N")[..6], Scale = ScoreScale.Points1000, CertificationThreshold = 551,
            QuestionsPerTest = 3, DurationMinutes = 20,
        };
        var skill = new Skill { Name = "Formulas" };
        subject.Skills.Add(skill);
        var group = new Group { AccountId = accountId, Name = groupName };
        db.AddRange(subject, group);
        await db.SaveChangesAsync();
        for (var i = 0; i < 3; i++)
        {
            subject.Questions.Add(new Question { SkillId = skill.Id, Order = i, Text = $"Q{i}", Kind = QuestionKind.SingleChoice, Choices = "A|B", CorrectAnswer = "A" });
        }

        await db.SaveChangesAsync();
        return (group, subject);
    }
}
