using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web.Analysis;

public sealed class AnalysisPageHttpTests : IAsyncLifetime
{
    private readonly ActingWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnotherAccountsRegistrationAnswersNotFoundWhilePrerendering()
    {
        _ = _factory.Server;
        var (mine, theirs) = (await SeedAsync("Mine"), await SeedAsync("Theirs"));
        using var client = await _factory.SignedInClientAsync(mine.AccountId);

        var foreign = await client.GetAsync(new Uri($"/results/analysis/{theirs.RegistrationId}", UriKind.Relative));
        var own = await client.GetAsync(new Uri($"/results/analysis/{mine.RegistrationId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var body = await foreign.Content.ReadAsStringAsync();
        // The 404 is re-executed as the app's not-found page; nothing of the other account shows.
        Assert.Contains("not found", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ann@Theirs.test", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownBody = await own.Content.ReadAsStringAsync();
        Assert.Contains("Score per skill", ownBody, StringComparison.Ordinal);
        Assert.Contains("ann@Mine.test", ownBody, StringComparison.Ordinal);
    }

    private async Task<(int AccountId, int RegistrationId)> SeedAsync(string name)
    {
        var scope = new AccountScope();
        await using var db = new DashboardDbContext(TestProvider.Options(_factory.ConnectionString), scope);
        var account = new Account { Name = name };
        var subject = new Subject { Name = $"{name} subject", Skills = { new Skill { Name = "Formulas" } } };
        db.AddRange(account, subject);
        await db.SaveChangesAsync();
        var question = new Question { SubjectId = subject.Id, SkillId = subject.Skills[0].Id, Text = "2 + 2?", Kind = QuestionKind.Numeric, CorrectAnswer = "4" };
        var group = new Group { AccountId = account.Id, Name = "Group" };
        db.AddRange(question, group);
        await db.SaveChangesAsync();
        var candidate = new Candidate { AccountId = account.Id, GroupId = group.Id, FirstName = "Ann", LastName = name, Email = $"ann@{name}.test" };
        db.Add(candidate);
        await db.SaveChangesAsync();
        var registration = new Registration
        {
            AccountId = account.Id, CandidateId = candidate.Id, GroupId = group.Id, SubjectId = subject.Id, Status = RegistrationStatus.Completed,
            CompletedAt = DateTimeOffset.UtcNow, Score = 1000, Level = ScoreLevel.Expert,
            Responses = { new Response { QuestionId = question.Id, Order = 1, Answer = "4", Points = 1, TimeSpentSeconds = 12 } },
        };
        db.Add(registration);
        await db.SaveChangesAsync();
        return (account.Id, registration.Id);
    }
}
