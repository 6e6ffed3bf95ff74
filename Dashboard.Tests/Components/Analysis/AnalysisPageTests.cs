using Bunit;
using Dashboard.Core.Analysis;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Analysis;

public sealed class AnalysisPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();
    private AsyncServiceScope? _scope;

    public async Task InitializeAsync()
    {
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task AdaptiveTestShowsTheSkillChartTheCalibrationCurveAndTheQuestions()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("English", skills: 2, questionsPerSkill: 3, adaptive: true);
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account), "Jean-Luc", "O'Neil"), subject,
            configure: AnalysisBuilders.Answers(subject, "110101"));

        var page = Render(account.Id, registration.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=calibration-curve]")));
        Assert.Equal(2, page.FindAll("[data-testid=skill-chart] g.bar").Count);
        Assert.Equal(6, page.FindAll("[data-testid=calibration-curve] circle.ability-point").Count);
        Assert.Equal(6, page.FindAll("[data-testid=calibration-curve] path.difficulty-marker").Count);
        Assert.Single(page.FindAll("[data-testid=calibration-curve] polygon.se-band"));
        Assert.Equal(6, page.FindAll("[data-testid=question-table] tbody tr").Count);
        Assert.Contains("O'Neil", page.Find("[data-testid=candidate-header]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/results?q=O%27Neil", page.Find("[data-testid=candidate-header] a[href^='/results?']").GetAttribute("href"));
    }

    [Fact]
    public async Task TheHeaderSaysWhenTheTestWasCompletedInTheAccountsZone()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("Excel", skills: 1, questionsPerSkill: 2);
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject,
            completedAt: new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero), configure: AnalysisBuilders.Answers(subject, "10"));

        var page = Render(account.Id, registration.Id);

        page.WaitForAssertion(() => Assert.Contains($"Completed 27/11/2026 00:30 (Europe/Paris) · #{registration.Id}",
            page.Find("[data-testid=candidate-header]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("UTC", page.Find("[data-testid=candidate-header]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdaptiveTestHasNoCurveAndTheSwitchKeepsOnlyWrongAnswers()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync("Excel", skills: 3, questionsPerSkill: 2);
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, score: 667,
            configure: AnalysisBuilders.Answers(subject, "110110"));

        var page = Render(account.Id, registration.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=skill-chart]")));
        Assert.Empty(page.FindAll("[data-testid=calibration-curve]"));
        Assert.Equal(3, page.FindAll("[data-testid=skill-chart] g.bar").Count);
        Assert.Equal(6, page.FindAll("[data-testid=question-table] tbody tr").Count);
        Assert.Contains("667", page.Find("[data-testid=overall-score]").TextContent, StringComparison.Ordinal);
        Assert.Contains("25 min 00 s", page.Find("[data-testid=total-duration]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("a[href='/download/report/" + registration.Id + "?lang=en']"));
        Assert.Empty(page.FindAll("a[href^='/download/certificate/']"));

        page.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=question-table] tbody tr").Count));
    }

    [Fact]
    public async Task ValidatedCertificationOffersTheCertificate()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, type: TestType.Certification,
            score: 900, configure: r => { r.CertificateValidated = true; AnalysisBuilders.Answers(subject, "111111")(r); });

        var page = Render(account.Id, registration.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"a[href='/download/certificate/{registration.Id}?lang=en']")));
    }

    [Fact]
    public async Task AnotherAccountsRegistrationShowsNotFound()
    {
        var world = new WorldBuilder(database);
        var mine = await world.AccountAsync("Mine");
        var theirs = await world.AccountAsync("Theirs");
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(theirs)), subject);

        var page = Render(mine.Id, registration.Id);

        page.WaitForAssertion(() => Assert.Contains("Result not found", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=candidate-header]"));
    }

    [Fact]
    public async Task TestNotCompletedYetSaysSo()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        var registration = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, RegistrationStatus.InProgress);

        var page = Render(account.Id, registration.Id);

        page.WaitForAssertion(() => Assert.Contains("in progress", page.Find("[data-testid=not-completed]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=question-table]"));
    }

    [Fact]
    public async Task EachGradedQuestionShowsItsGradersCommentInTheQuestionTable()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        var account = await world.AccountAsync();
        var grader = await people.AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", skills: 1, questionsPerSkill: 2, essays: 2);
        var test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, grader: grader);
        await using (var asGrader = database.CreateScope(account.Id, grader.Id, Privileges.Grader, "Gaston Grader"))
        {
            // Graded the way the grading screen does it: one essay with a comment, one without.
            var grading = asGrader.ServiceProvider.GetRequiredService<GradingService>();
            var sheet = await grading.LoadAsync(test.Id, CancellationToken.None);
            var version = await grading.ConfirmAsync(test.Id, sheet.Version,
                new GradeInput(sheet.Questions[0].ResponseId, 3, "Well argued; cite a source next time."), CancellationToken.None);
            version = await grading.ConfirmAsync(test.Id, version, new GradeInput(sheet.Questions[1].ResponseId, 5, null), CancellationToken.None);
            await grading.SaveAsync(test.Id, version, CancellationToken.None);
        }

        var page = Render(account.Id, test.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=question-table] tbody tr")));
        var comment = Assert.Single(page.FindAll("[data-testid=question-table] tbody tr .grader-comment"));
        Assert.Equal("Grader's comment: Well argued; cite a source next time.", comment.TextContent.Trim());
        Assert.Contains("3 / 5", comment.Closest("tr")!.TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<AnalysisPage> Render(int accountId, int registrationId)
    {
        _scope = database.CreateScope(accountId);
        var services = _scope.Value.ServiceProvider;
        _context.Services.AddSingleton(services.GetRequiredService<ResultAnalysisQuery>());
        // The page's live proctoring banner.
        _context.Services.AddSingleton(services.GetRequiredService<Dashboard.Core.Proctoring.ProctoringReviewService>());
        _context.Services.AddSingleton(services.GetRequiredService<Dashboard.Core.Live.IAccountFeed<Dashboard.Core.Live.ResultsChange>>());
        _context.Services.AddSingleton(services.GetRequiredService<Dashboard.Core.Accounts.AccountScope>());
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _context.Render<MudPopoverProvider>();
        return _context.Render<AnalysisPage>(p => p.Add(x => x.Id, registrationId));
    }
}
