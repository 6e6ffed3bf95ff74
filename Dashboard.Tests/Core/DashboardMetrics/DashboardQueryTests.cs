// Over 250 lines: every Dashboard aggregate (counts, durations, percentage bands, periods across clock changes) checked on one shared world of sittings; a split would copy that world.
using Dashboard.Core.DashboardMetrics;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.DashboardMetrics;

public sealed class DashboardQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public async Task TopTenKeepsEachCandidatesBestScoreOnceWithTheDateOfThatAttempt()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync();
        var now = database.Time.GetUtcNow();
        var star = await world.CandidateAsync(group, "Zoé", "Zéphyr");
        await world.RegistrationAsync(star, subject, score: 500, completedAt: now.AddDays(-30));
        var best = await world.RegistrationAsync(star, subject, score: 990, completedAt: now.AddDays(-20));
        await world.RegistrationAsync(star, subject, score: 700, completedAt: now.AddDays(-10));
        for (var i = 0; i < 11; i++)
        {
            var candidate = await world.CandidateAsync(group, "Candidate", $"Name{i:00}");
            await world.RegistrationAsync(candidate, subject, score: 900 - (i * 10), completedAt: now.AddDays(-i - 1));
        }

        var report = await ReportAsync(account.Id, Selection(group, subject));

        Assert.Equal(10, report.TopTen.Count);
        Assert.Single(report.TopTen, t => t.CandidateId == star.Id);
        var first = report.TopTen[0];
        Assert.Equal((1, star.Id, best.Id, 990.0, now.AddDays(-20)), (first.Rank, first.CandidateId, first.RegistrationId, first.Score, first.CompletedAt));
        Assert.Equal([990, 900, 890, 880, 870, 860, 850, 840, 830, 820], report.TopTen.Select(t => t.Score));
        Assert.Equal(Enumerable.Range(1, 10), report.TopTen.Select(t => t.Rank));
    }

    [Fact]
    public async Task EqualBestScoresShareARank()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync();
        foreach (var (name, score) in new[] { ("Alpha", 800.0), ("Bravo", 700.0), ("Charlie", 700.0), ("Delta", 600.0) })
        {
            await world.RegistrationAsync(await world.CandidateAsync(group, "X", name), subject, score: score);
        }

        var report = await ReportAsync(account.Id, Selection(group, subject));

        Assert.Equal([1, 2, 2, 4], report.TopTen.Select(t => t.Rank));
    }

    [Fact]
    public async Task MetricsCountOnlyCompletedTestsOfThePeriodAndTheSelectedTest()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync("Excel");
        var other = await world.SubjectAsync("Word");
        var now = database.Time.GetUtcNow();
        var c = await world.CandidateAsync(group);
        await world.RegistrationAsync(c, subject, score: 340, configure: r => r.DurationSeconds = 600);
        await world.RegistrationAsync(c, subject, score: 351, configure: r => r.DurationSeconds = 1200);
        await world.RegistrationAsync(c, subject, score: 900, completedAt: now.AddMonths(-13));   // before the period
        await world.RegistrationAsync(c, other, score: 900);                                     // another test
        await world.RegistrationAsync(c, subject, RegistrationStatus.ToBeTaken);
        await world.RegistrationAsync(c, subject, RegistrationStatus.InProgress);
        await world.RegistrationAsync(c, subject, RegistrationStatus.PendingGrading);
        await world.RegistrationAsync(c, subject, RegistrationStatus.Cancelled);

        var report = await ReportAsync(account.Id, Selection(group, subject));

        Assert.Equal(2, report.CompletedCount);
        Assert.Equal(TimeSpan.FromSeconds(900), report.AverageDuration);
        Assert.Equal([1, 1, 2, 1], report.StatusBreakdown.Select(s => s.Count));
        Assert.Equal([1, 1, 0, 0, 0], report.ScoreDistribution.Select(b => b.Count));
        Assert.Equal(["Initial", "Basic", "Operational", "Advanced", "Expert"], report.ScoreDistribution.Select(b => b.Label));
    }

    [Fact]
    public async Task PercentageTestsAreDistributedInTenPointBands()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync("Quiz", scale: ScoreScale.Percentage);
        var c = await world.CandidateAsync(group);
        foreach (var score in new[] { 0.0, 9.9, 10, 55, 99.9, 100 })
        {
            await world.RegistrationAsync(c, subject, score: score);
        }

        var report = await ReportAsync(account.Id, Selection(group, subject));

        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 2], report.ScoreDistribution.Select(b => b.Count));
    }

    [Fact]
    public async Task SuccessRateAndPointBiserialPerQuestionAreComputedFromTheCompletedSittings()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        // Question 1 right for the 800, 700, 600 candidates; question 2 right for 400 and 500 (see ItemStatisticsTests).
        var rows = new[] { (800.0, "10"), (700, "10"), (400, "01"), (600, "10"), (500, "01") };
        foreach (var (score, pattern) in rows)
        {
            await world.RegistrationAsync(await world.CandidateAsync(group), subject, score: score, configure: AnalysisBuilders.Answers(subject, pattern));
        }

        await using var scope = database.CreateScope(account.Id);
        var questions = await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetQuestionStatisticsAsync(Selection(group, subject), CancellationToken.None);

        Assert.Collection(questions,
            q => { Assert.Equal((5, 3, 0.6), (q.Answered, q.Correct, q.SuccessRate)); Assert.Equal(Math.Sqrt(3) / 2, q.Discrimination!.Value, 1e-9); Assert.False(q.HasNegativeDiscrimination); },
            q => { Assert.Equal((5, 2), (q.Answered, q.Correct)); Assert.Equal(-Math.Sqrt(3) / 2, q.Discrimination!.Value, 1e-9); Assert.True(q.HasNegativeDiscrimination); });
    }

    [Fact]
    public async Task GroupIncludesItsSubGroupsUnlessOneSubGroupIsChosen()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var parent = await world.GroupAsync(account, "Sales");
        var north = await world.GroupAsync(account, "North", parent);
        var south = await world.GroupAsync(account, "South", parent);
        var subject = await world.SubjectAsync();
        await world.RegistrationAsync(await world.CandidateAsync(parent), subject);
        await world.RegistrationAsync(await world.CandidateAsync(north), subject);
        await world.RegistrationAsync(await world.CandidateAsync(south), subject);

        Assert.Equal(3, (await ReportAsync(account.Id, Selection(parent, subject))).CompletedCount);
        Assert.Equal(1, (await ReportAsync(account.Id, Selection(parent, subject) with { SubGroupId = north.Id })).CompletedCount);
    }

    [Fact]
    public async Task TestListHoldsOnlyTestsTakenByTheSelectedPopulation()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var sales = await world.GroupAsync(account, "Sales");
        var hr = await world.GroupAsync(account, "HR");
        var session = await world.SessionAsync(account);
        var excel = await world.SubjectAsync("Excel");
        var word = await world.SubjectAsync("Word");
        var python = await world.SubjectAsync("Python");
        await world.RegistrationAsync(await world.CandidateAsync(sales), excel, session: session);
        await world.RegistrationAsync(await world.CandidateAsync(sales), word, RegistrationStatus.ToBeTaken);
        await world.RegistrationAsync(await world.CandidateAsync(hr), python);

        await using var scope = database.CreateScope(account.Id);
        var query = scope.ServiceProvider.GetRequiredService<DashboardQuery>();
        var ofSales = await query.GetTestsAsync(DashboardSelection.Default(Today) with { GroupId = sales.Id }, CancellationToken.None);
        var ofSession = await query.GetTestsAsync(DashboardSelection.Default(Today) with { BySession = true, SessionId = session.Id }, CancellationToken.None);

        var noSessionYet = await query.GetTestsAsync(DashboardSelection.Default(Today) with { BySession = true }, CancellationToken.None);

        Assert.Equal([excel.Id], ofSales.Select(t => t.SubjectId));
        Assert.Equal([excel.Id], ofSession.Select(t => t.SubjectId));
        Assert.Empty(noSessionYet);
    }

    [Fact]
    public async Task SelectionWithoutCompletedTestsIsEmpty()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync();
        await world.RegistrationAsync(await world.CandidateAsync(group), subject, RegistrationStatus.InProgress);

        var report = await ReportAsync(account.Id, Selection(group, subject));

        Assert.True(report.IsEmpty);
        Assert.Empty(report.TopTen);
        Assert.Equal(1, report.StatusBreakdown.Single(s => s.Status == RegistrationStatus.InProgress).Count);
    }

    [Fact]
    public async Task AnotherAccountsRegistrationsNeverCount()
    {
        var world = new WorldBuilder(database);
        var mine = await world.AccountAsync("Mine");
        var theirs = await world.AccountAsync("Theirs");
        var subject = await world.SubjectAsync();
        var myGroup = await world.GroupAsync(mine);
        await world.RegistrationAsync(await world.CandidateAsync(myGroup), subject);
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(theirs)), subject);

        var all = await ReportAsync(mine.Id, DashboardSelection.Default(Today) with { SubjectId = subject.Id });

        Assert.Equal(1, all.CompletedCount);
    }

    [Fact]
    public async Task LastSelectionIsRememberedPerAdministrator()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync();
        var selection = Selection(group, subject) with { From = new DateOnly(2026, 1, 1) };

        await using (var scope = database.CreateScope(account.Id, administratorId: 7, Privileges.Viewer))
        {
            var query = scope.ServiceProvider.GetRequiredService<DashboardQuery>();
            Assert.Null(await query.GetSavedSelectionAsync(CancellationToken.None));
            await query.SaveSelectionAsync(selection with { To = new DateOnly(2026, 6, 1) }, CancellationToken.None);
            await query.SaveSelectionAsync(selection, CancellationToken.None);
        }

        await using (var scope = database.CreateScope(account.Id, administratorId: 7, Privileges.Viewer))
        {
            Assert.Equal(selection, await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetSavedSelectionAsync(CancellationToken.None));
        }

        await using (var scope = database.CreateScope(account.Id, administratorId: 8, Privileges.Viewer))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetSavedSelectionAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task CreditPacksAreListedWithExpiredOnesMarked()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        await using (var db = database.CreateDbContext(account.Id))
        {
            db.CreditPacks.Add(new CreditPack { AccountId = account.Id, TestType = TestType.Certification, InitialQuantity = 50, RemainingQuantity = 12, ExpiresOn = Today.AddMonths(3) });
            db.CreditPacks.Add(new CreditPack { AccountId = account.Id, TestType = TestType.Evaluation, InitialQuantity = 100, RemainingQuantity = 4, ExpiresOn = Today.AddDays(-1) });
            await db.SaveChangesAsync();
        }

        await using var scope = database.CreateScope(account.Id);
        var packs = await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetCreditPacksAsync(CancellationToken.None);

        Assert.Equal([(TestType.Certification, false, 12), (TestType.Evaluation, true, 4)], packs.Select(p => (p.TestType, p.IsExpired, p.RemainingQuantity)));
    }

    private static DashboardSelection Selection(Group group, Subject subject) =>
        DashboardSelection.Default(Today) with { GroupId = group.Id, SubjectId = subject.Id };

    private async Task<DashboardReport> ReportAsync(int accountId, DashboardSelection selection)
    {
        await using var scope = database.CreateScope(accountId);
        return await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetReportAsync(selection, CancellationToken.None);
    }
}
