using Dashboard.Core.Accounts;
using Dashboard.Core.Analysis;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Analysis;

public sealed class ResultAnalysisQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task CompletedSittingShowsScoreSkillsDurationsAndEveryQuestion()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("Excel", skills: 2, questionsPerSkill: 3);
        var candidate = await world.CandidateAsync(await world.GroupAsync(account, "Finance"), "Léa", "Dubois");
        var registration = await world.RegistrationAsync(candidate, subject, score: 667,
            configure: AnalysisBuilders.Answers(subject, "111100", secondsEach: 40));

        var analysis = await GetAsync(account.Id, registration.Id);

        Assert.True(analysis.IsCompleted);
        Assert.Equal("Dubois", analysis.Header.LastName);
        Assert.Equal("Finance", analysis.Header.GroupName);
        Assert.Equal(667, analysis.Score);
        Assert.Equal(ScoreLevel.Operational, analysis.Level);
        Assert.Equal([1000, 334], analysis.Skills.Select(s => s.Score));
        Assert.Equal(TimeSpan.FromMinutes(25), analysis.Durations.Total);
        Assert.Equal(TimeSpan.FromSeconds(250), analysis.Durations.AveragePerQuestion);
        Assert.Equal(6, analysis.Questions.Count);
        Assert.Equal([true, true, true, true, false, false], analysis.Questions.Select(q => q.IsCorrect));
        Assert.All(analysis.Questions, q => Assert.Equal("A", q.CorrectAnswer));
        Assert.Equal("B", analysis.Questions[^1].CandidateAnswer);
        Assert.Equal(TimeSpan.FromSeconds(40), analysis.Questions[0].TimeSpent);
        Assert.False(analysis.IsAdaptive);
        Assert.Empty(analysis.Calibration);
    }

    [Fact]
    public async Task QuestionsAreNumberedFromOneWhateverTheStoredOrderStartsFrom()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("Positioning", skills: 1, questionsPerSkill: 3);
        var candidate = await world.CandidateAsync(await world.GroupAsync(account, "Sales"));
        var registration = await world.RegistrationAsync(candidate, subject, score: 500,
            configure: r =>
            {
                AnalysisBuilders.Answers(subject, "101", secondsEach: 30)(r);
                // Positioning sittings were stored from order 0: the page showed question "0".
                var first = r.Responses.Min(x => x.Order);
                foreach (var response in r.Responses)
                {
                    response.Order -= first;
                }
            });

        var analysis = await GetAsync(account.Id, registration.Id);

        Assert.Equal([1, 2, 3], analysis.Questions.Select(q => q.Order));
    }

    [Fact]
    public async Task AdaptiveSittingHasOneCalibrationPointPerAnswer()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("English", skills: 1, questionsPerSkill: 5, adaptive: true);
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var registration = await world.RegistrationAsync(candidate, subject, configure: AnalysisBuilders.Answers(subject, "11010"));

        var analysis = await GetAsync(account.Id, registration.Id);

        Assert.True(analysis.IsAdaptive);
        Assert.Equal(5, analysis.Calibration.Count);
        var expected = AbilityEstimator.Estimate(subject.Questions.OrderBy(q => q.Order)
            .Zip("11010", (q, c) => new RaschAnswer(q.Difficulty, c == '1')));
        Assert.Equal(expected.Ability, analysis.FinalAbility!.Ability, 1e-9);
        Assert.Equal(subject.Questions.OrderBy(q => q.Order).Select(q => q.Difficulty), analysis.Calibration.Select(s => s.Difficulty));
    }

    [Fact]
    public async Task StoredAbilityEstimatesAreShownAsRecorded()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("English", skills: 1, questionsPerSkill: 3, adaptive: true);
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var registration = await world.RegistrationAsync(candidate, subject, configure: r =>
        {
            AnalysisBuilders.Answers(subject, "101")(r);
            foreach (var response in r.Responses)
            {
                response.AbilityAfter = response.Order / 10.0;
                response.AbilityStandardError = 0.5;
            }
        });

        var analysis = await GetAsync(account.Id, registration.Id);

        Assert.Equal([0.1, 0.2, 0.3], analysis.Calibration.Select(s => s.Ability));
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFound()
    {
        var world = new WorldBuilder(database);
        var mine = await world.AccountAsync("Mine");
        var theirs = await world.AccountAsync("Theirs");
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(theirs)), subject);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(mine.Id, registration.Id));
    }

    [Fact]
    public async Task RegistrationNotCompletedYetHasOnlyItsHeader()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject,
            status: RegistrationStatus.InProgress, configure: AnalysisBuilders.Answers(subject, "11"));

        var analysis = await GetAsync(account.Id, registration.Id);

        Assert.False(analysis.IsCompleted);
        Assert.Equal(RegistrationStatus.InProgress, analysis.Header.Status);
        Assert.Empty(analysis.Questions);
    }

    [Fact]
    public async Task ViewingResultsNeedsThePrivilege()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject);

        await using var scope = database.CreateScope(account.Id, administratorId: 1, Privileges.None);
        var query = scope.ServiceProvider.GetRequiredService<ResultAnalysisQuery>();

        await Assert.ThrowsAsync<PrivilegeException>(() => query.GetAsync(registration.Id, CancellationToken.None));
    }

    private async Task<ResultAnalysis> GetAsync(int accountId, int registrationId)
    {
        await using var scope = database.CreateScope(accountId);
        return await scope.ServiceProvider.GetRequiredService<ResultAnalysisQuery>().GetAsync(registrationId, CancellationToken.None);
    }
}
