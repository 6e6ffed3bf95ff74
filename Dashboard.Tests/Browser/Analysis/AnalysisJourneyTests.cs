using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Scoring;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Analysis;

[Trait("Category", "Browser")]
public sealed class AnalysisJourneyTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private readonly ActingWebFactory _factory = new();

    public AnalysisJourneyTests(BrowserFixture browser) => _browser = browser;

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task FromACompletedResultToItsAnalysisThenToTheDashboardTopTen()
    {
        var world = await SeedAsync();
        var email = await _factory.CreateOwnerAsync(world.AccountId);
        var page = await _browser.NewPageAsync(_factory.BaseAddress);
        var signIn = new Pages.SignInPage(page);
        await signIn.GotoAsync($"/results/analysis/{world.CompletedRegistrationId}");
        await signIn.SignInAsync(email, AccountsBuilder.Password);
        await page.Locator(".analysis-page[data-interactive=true]").WaitForAsync();
        Assert.Equal("fixed", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).position"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Camille Lefèvre" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=skill-chart] g.bar")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=calibration-curve]")).ToBeVisibleAsync();
        var rows = page.Locator("[data-testid=question-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(12);
        await Screenshot(page, "analysis");

        await page.GetByLabel("Wrong answers only").CheckAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.Locator(".dashboard-page[data-interactive=true]").WaitForAsync();
        await page.Locator("div.mud-input-control.mud-select").Filter(new() { HasText = "Group" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Playwright group" }).ClickAsync();
        await page.Locator("div.mud-input-control.mud-select").Filter(new() { HasText = "Test" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "English (adaptive)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update the dashboard" }).ClickAsync();

        var topTen = page.Locator("[data-testid=top-ten] tbody tr");
        await Assertions.Expect(topTen).ToHaveCountAsync(10);
        await Assertions.Expect(topTen.First).ToContainTextAsync("Camille Lefèvre");
        await Assertions.Expect(page.Locator("[data-testid=top-ten] tbody tr.podium")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=metric-completed] h4")).ToHaveTextAsync("12");
        await Screenshot(page, "dashboard");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } directory)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
        }
    }

    private sealed record World(int AccountId, int CompletedRegistrationId);

    /// <summary>
    /// An account of its own: a group of 12 candidates who completed an adaptive English test (3 skills,
    /// 12 items); Camille Lefèvre has the best score, 8 of 12 right. One more group took Excel.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var scope = new AccountScope();
        await using var db = new DashboardDbContext(TestProvider.Options(_factory.ConnectionString), scope);
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Name = "Playwright account", CreatedAt = now };
        db.Accounts.Add(account);
        var english = new Subject { Name = "English (adaptive)", IsAdaptive = true, Scale = ScoreScale.Points1000, CertificationThreshold = 551, DurationMinutes = 30 };
        foreach (var skill in new[] { "Grammar", "Vocabulary", "Listening" })
        {
            english.Skills.Add(new Skill { Name = skill, Order = english.Skills.Count });
        }

        db.Subjects.Add(english);
        await db.SaveChangesAsync();
        scope.SetSystem(account.Id);
        for (var i = 0; i < 12; i++)
        {
            english.Questions.Add(new Question
            {
                SkillId = english.Skills[i % 3].Id, Order = i, Kind = QuestionKind.SingleChoice, Text = $"Choose the right form ({i + 1})",
                Choices = "A|B|C|D", CorrectAnswer = "A", Difficulty = -1.5 + (0.25 * i),
            });
        }

        var group = new Group { AccountId = account.Id, Name = "Playwright group" };
        db.Groups.Add(group);
        await db.SaveChangesAsync();

        Registration? best = null;
        for (var c = 0; c < 12; c++)
        {
            var candidate = c == 0
                ? new Candidate { AccountId = account.Id, GroupId = group.Id, FirstName = "Camille", LastName = "Lefèvre", Email = "camille.lefevre@example.test" }
                : new Candidate { AccountId = account.Id, GroupId = group.Id, FirstName = $"Candidate{c}", LastName = $"Name{c:00}", Email = $"c{c}@example.test" };
            db.Candidates.Add(candidate);
            await db.SaveChangesAsync();
            var right = c == 0 ? 8 : Math.Max(1, 8 - c); // distinct scores on the podium
            var registration = new Registration
            {
                AccountId = account.Id, CandidateId = candidate.Id, GroupId = group.Id, SubjectId = english.Id, Status = RegistrationStatus.Completed,
                RegisteredAt = now.AddDays(-10), StartedAt = now.AddDays(-c - 1).AddMinutes(-20), CompletedAt = now.AddDays(-c - 1), DurationSeconds = 1200 - (c * 30),
                SortName = $"{candidate.LastName} {candidate.FirstName}".ToLowerInvariant(),
            };
            for (var q = 0; q < 12; q++)
            {
                var ok = q < right;
                var question = english.Questions[q];
                registration.Responses.Add(new Response
                {
                    QuestionId = question.Id, Order = q + 1, Answer = ok ? "A" : "C", Points = ok ? 1 : 0, TimeSpentSeconds = 60 + (q * 7),
                });
            }

            var score = ScoreCalculator.Compute(english, registration.Responses);
            registration.Score = score.Score;
            registration.Level = score.Level;
            AbilityEstimator.Apply(english, registration.Responses);
            db.Registrations.Add(registration);
            await db.SaveChangesAsync();
            best ??= registration;
        }

        return new World(account.Id, best!.Id);
    }
}
