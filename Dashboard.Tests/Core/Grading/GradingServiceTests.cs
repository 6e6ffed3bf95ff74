using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Core.Live;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Grading;

public sealed class GradingServiceTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    // Skill 1: Q1 ✓, Q2 ✓, Q3 ✗ (1 point each) + an essay (5 points); skill 2: Q4 ✓, Q5 ✗, Q6 ✗ + code (5 points).
    private static readonly bool[] Answers = [true, true, false, true, false, false];

    private WorldBuilder _world = default!;
    private GradingBuilder _people = default!;
    private Account _account = default!;
    private Administrator _grader = default!;
    private Subject _subject = default!;
    private Candidate _candidate = default!;

    public async Task InitializeAsync()
    {
        _world = new WorldBuilder(database);
        _people = new GradingBuilder(database);
        _account = await _world.AccountAsync();
        _grader = await _people.AdministratorAsync(_account, "Gaston Grader", Privileges.Grader);
        _subject = await _world.SubjectAsync("Excel", skills: 2, questionsPerSkill: 3, essays: 2);
        _candidate = await _world.CandidateAsync(await _world.GroupAsync(_account), "Zoé", "Lefèvre");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task LoadingShowsOnlyTheManuallyGradedQuestionsWithTheirSkillAndAnswer()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);

        var sheet = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));

        Assert.Equal(("Zoé Lefèvre", "Excel"), (sheet.CandidateName, sheet.SubjectName));
        Assert.Equal([QuestionKind.Essay, QuestionKind.Code], sheet.Questions.Select(q => q.Kind));
        Assert.Equal(["Excel skill 1", "Excel skill 2"], sheet.Questions.Select(q => q.SkillName));
        Assert.Equal(["Essay 1", "Essay 2"], sheet.Questions.Select(q => q.Text));
        Assert.StartsWith("def total(xs):\n", sheet.Questions[1].Answer, StringComparison.Ordinal);
        Assert.All(sheet.Questions, q => Assert.Equal((5.0, (double?)null, false), (q.MaxPoints, q.Points, q.Confirmed)));
        Assert.Equal(0, sheet.ConfirmedCount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5.5)]
    [InlineData(double.NaN)]
    public async Task AGradeOutsideZeroToMaxIsRefusedWithAClearMessage(double points)
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var sheet = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            AsGrader(s => s.ConfirmAsync(test.Id, sheet.Version, new GradeInput(sheet.Questions[0].ResponseId, points, null), CancellationToken.None)));

        Assert.Equal("Enter a grade between 0 and 5.", error.Message);
        Assert.False((await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None))).Questions[0].Confirmed);
    }

    [Fact]
    public async Task AConfirmedGradeIsADraftThatSurvivesAReload()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var sheet = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));

        var version = await AsGrader(s => s.ConfirmAsync(test.Id, sheet.Version, new GradeInput(sheet.Questions[0].ResponseId, 4, "  Clear and complete.  "), CancellationToken.None));

        var reloaded = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        Assert.Equal((4.0, "Clear and complete.", true), (reloaded.Questions[0].Points, reloaded.Questions[0].Comment, reloaded.Questions[0].Confirmed));
        Assert.False(reloaded.Questions[1].Confirmed);
        Assert.Equal(1, reloaded.ConfirmedCount);
        Assert.NotEqual(sheet.Version, version);
        Assert.Equal(version, reloaded.Version);
        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(RegistrationStatus.PendingGrading, (await db.Registrations.SingleAsync(r => r.Id == test.Id)).Status);
    }

    [Fact]
    public async Task SavingBeforeEveryQuestionIsConfirmedIsRefused()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var sheet = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        var version = await AsGrader(s => s.ConfirmAsync(test.Id, sheet.Version, new GradeInput(sheet.Questions[0].ResponseId, 4, null), CancellationToken.None));

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => AsGrader(s => s.SaveAsync(test.Id, version, CancellationToken.None)));

        Assert.StartsWith("1 of 2 questions are confirmed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingRecalculatesTheExactScoresCompletesTheTestAuditsAndPublishes()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var published = new List<ResultsChange>();
        using var subscription = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>()
            .Subscribe(_account.Id, change => { lock (published) { published.Add(change); } return Task.CompletedTask; });

        var outcome = await GradeEverythingAsync(test.Id, essay: 4, code: 2.5);

        // Skill 1: (2 + 4) / (3 + 5) = 0.75 → 1 + 999 × 0.75 = 750.25 → 750, Advanced (726–875).
        // Skill 2: (1 + 2.5) / (3 + 5) = 0.4375 → 1 + 999 × 0.4375 = 438.06 → 438, Basic (351–550).
        // Overall: 9.5 / 16 = 0.59375 → 1 + 999 × 0.59375 = 594.16 → 594, Operational (551–725).
        Assert.Equal((594.0, ScoreLevel.Operational), (outcome.Score, outcome.Level));
        Assert.Equal([(750.0, ScoreLevel.Advanced, 6.0, 8.0), (438.0, ScoreLevel.Basic, 3.5, 8.0)],
            outcome.Skills.Select(s => (s.Score, s.Level!.Value, s.Points, s.MaxPoints)));
        await using var db = database.CreateDbContext(_account.Id);
        var saved = await db.Registrations.SingleAsync(r => r.Id == test.Id);
        Assert.Equal((RegistrationStatus.Completed, 594.0, ScoreLevel.Operational), (saved.Status, saved.Score, saved.Level));
        Assert.False(saved.CertificateValidated);
        var entry = await db.AuditEntries.SingleAsync(a => a.RegistrationId == test.Id && a.Action == AuditLog.Actions.Grade);
        Assert.Equal(_grader.Id, entry.AdministratorId);
        Assert.Equal("PendingGrading", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Status").GetString());
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(("Completed", 594.0), (after.GetProperty("Status").GetString(), after.GetProperty("Score").GetDouble()));
        Assert.Equal(test.Id, Assert.Single(published, c => c.Kind == AuditLog.Actions.Grade).RegistrationId);
    }

    [Fact]
    public async Task ACertificationReachingTheThresholdIsValidatedWithANumberAndCode()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader, type: TestType.Certification);

        var outcome = await GradeEverythingAsync(test.Id, essay: 4, code: 2.5);

        Assert.True(outcome.CertificateValidated);
        await using var db = database.CreateDbContext(_account.Id);
        var saved = await db.Registrations.SingleAsync(r => r.Id == test.Id);
        Assert.True(saved.CertificateValidated);
        Assert.Equal($"RD-2026-{test.Id:D7}", saved.CertificateNumber);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", saved.CertificateVerificationCode);
    }

    [Fact]
    public async Task ACertificationBelowTheThresholdIsNotValidated()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader, type: TestType.Certification);

        // (3 + 0 + 0) / 16 = 0.1875 → 188: below the 551 threshold.
        var outcome = await GradeEverythingAsync(test.Id, essay: 0, code: 0);

        Assert.Equal(188.0, outcome.Score);
        Assert.False(outcome.CertificateValidated);
        Assert.Null(outcome.CertificateNumber);
    }

    [Fact]
    public async Task TheSecondOfTwoConcurrentSavesGetsAConflictAndTheFirstGradesStay()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var first = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        var second = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        database.Time.Advance(TimeSpan.FromMinutes(5));

        await AsGrader(s => s.ConfirmAsync(test.Id, first.Version, new GradeInput(first.Questions[0].ResponseId, 4, "first"), CancellationToken.None));
        var conflict = await Assert.ThrowsAsync<GradingConflictException>(() =>
            AsGrader(s => s.ConfirmAsync(test.Id, second.Version, new GradeInput(second.Questions[0].ResponseId, 1, "second"), CancellationToken.None)));

        // 10:05 UTC is 11:05 in the account's Europe/Paris time zone.
        Assert.Equal("Someone else (Gaston Grader) saved this test at 11:05:00 (Europe/Paris); your grades are kept on screen, reload to see theirs.", conflict.Message);
        var reloaded = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        Assert.Equal((4.0, "first"), (reloaded.Questions[0].Points, reloaded.Questions[0].Comment));
    }

    [Fact]
    public async Task SavingTheWholeSetWithAStaleVersionIsAConflictAndChangesNothing()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var stale = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));
        await GradeEverythingAsync(test.Id, essay: 5, code: 5);

        await Assert.ThrowsAsync<GradingConflictException>(() => AsGrader(s => s.SaveAsync(test.Id, stale.Version, CancellationToken.None)));

        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.RegistrationId == test.Id && a.Action == AuditLog.Actions.Grade));
    }

    [Fact]
    public async Task AViewerCannotGrade()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var viewer = await _people.AdministratorAsync(_account, "Victor Viewer", Privileges.Viewer);

        await Assert.ThrowsAsync<PrivilegeException>(() => As(viewer, s => s.LoadAsync(test.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<PrivilegeException>(() => As(viewer, s => s.SaveAsync(test.Id, test.Version, CancellationToken.None)));
    }

    [Fact]
    public async Task AGraderOrOwnerNotAssignedCannotGradeTheTest()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers, grader: _grader);
        var colleague = await _people.AdministratorAsync(_account, "Greta Grader", Privileges.Grader);
        var owner = await _people.AdministratorAsync(_account, "Olivia Owner", Privileges.Owner);
        var sheet = await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => As(colleague, s => s.LoadAsync(test.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            As(owner, s => s.ConfirmAsync(test.Id, sheet.Version, new GradeInput(sheet.Questions[0].ResponseId, 1, null), CancellationToken.None)));

        Assert.Equal("This test is assigned to Gaston Grader: only its assigned grader can grade it.", error.Message);
        Assert.Equal(0, (await AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None))).ConfirmedCount);
    }

    [Fact]
    public async Task AnUnassignedTestCannotBeGraded()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, Answers);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None)));

        Assert.Equal("This test is not assigned to you: only its assigned grader can grade it.", error.Message);
    }

    [Fact]
    public async Task ATestThatIsNotPendingGradingCannotBeGraded()
    {
        var test = await _world.RegistrationAsync(_candidate, _subject, RegistrationStatus.InProgress, configure: r => r.GraderId = _grader.Id);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None)));

        Assert.Equal("This test is not pending grading (it is in progress): it cannot be graded.", error.Message);
    }

    [Fact]
    public async Task ACompletedTestIsReportedAsAlreadyGradedWhoeverOpensIt()
    {
        var test = await _world.RegistrationAsync(_candidate, _subject, RegistrationStatus.Completed);

        var error = await Assert.ThrowsAsync<TestAlreadyGradedException>(() => AsGrader(s => s.LoadAsync(test.Id, CancellationToken.None)));

        Assert.Equal(test.Id, error.RegistrationId);
        Assert.Null(error.GradedBy); // scored without manual grading
        Assert.NotNull(error.GradedAt);
    }

    [Fact]
    public async Task AnotherAccountsTestIsNotFound()
    {
        var other = await _world.AccountAsync("Other");
        var theirs = await _people.PendingTestAsync(await _world.CandidateAsync(await _world.GroupAsync(other)), _subject, grader: _grader);

        await Assert.ThrowsAsync<NotFoundException>(() => AsGrader(s => s.LoadAsync(theirs.Id, CancellationToken.None)));
    }

    private async Task<GradingOutcome> GradeEverythingAsync(int registrationId, double essay, double code)
    {
        var sheet = await AsGrader(s => s.LoadAsync(registrationId, CancellationToken.None));
        var version = await AsGrader(s => s.ConfirmAsync(registrationId, sheet.Version, new GradeInput(sheet.Questions[0].ResponseId, essay, null), CancellationToken.None));
        version = await AsGrader(s => s.ConfirmAsync(registrationId, version, new GradeInput(sheet.Questions[1].ResponseId, code, "Works."), CancellationToken.None));
        return await AsGrader(s => s.SaveAsync(registrationId, version, CancellationToken.None));
    }

    private Task<T> AsGrader<T>(Func<GradingService, Task<T>> action) => As(_grader, action);

    private async Task<T> As<T>(Administrator admin, Func<GradingService, Task<T>> action)
    {
        await using var scope = database.CreateScope(_account.Id, admin.Id, admin.Privileges, admin.DisplayName);
        return await action(scope.ServiceProvider.GetRequiredService<GradingService>());
    }
}
