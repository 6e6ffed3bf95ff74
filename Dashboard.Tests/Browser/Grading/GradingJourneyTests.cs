using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser.Grading;

/// <summary>
/// Owner assigns two pending tests to the demo grader; the grader grades one and sees it Completed with its
/// new score in the Results grid. Runs on the seeded demo world (owner@acme.test, grader@acme.test).
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class GradingJourneyTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Password = "Demo-2026!";
    private const string GraderName = "Julien Mercier"; // grader@acme.test in the demo world
    private readonly BrowserFixture _browser;
    private readonly DashboardWebFactory _factory = new();

    public GradingJourneyTests(BrowserFixture browser) => _browser = browser;

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OwnerAssignsTwoTestsAndTheGraderGradesOneToCompletion()
    {
        // The owner assigns the first two unassigned pending tests to the grader.
        var owner = await _browser.NewPageAsync(_factory.BaseAddress);
        await new SignInPage(owner).SignInAsync("owner@acme.test", Password);
        var grid = new ResultsGridPage(owner);
        await grid.OpenAsync("status=PendingGrading");
        var unassigned = grid.Rows.Filter(new() { HasText = "Not assigned" });
        int[] tests = [await ResultsGridPage.IdOfAsync(unassigned.Nth(0)), await ResultsGridPage.IdOfAsync(unassigned.Nth(1))];
        foreach (var id in tests)
        {
            await grid.SelectAsync(id);
        }

        await grid.OpenAssignDialogAsync();
        await new AssignGradersDialogPage(owner).AssignToAsync(GraderName);
        foreach (var id in tests)
        {
            await Expect(grid.Row(id)).ToContainTextAsync(GraderName);
        }

        // The grader finds both in the queue and grades the first one.
        var grader = await _browser.NewPageAsync(_factory.BaseAddress);
        await new SignInPage(grader).SignInAsync("grader@acme.test", Password);
        var grading = new GradingPage(grader);
        await grading.OpenQueueAsync();
        await Expect(grading.GradeLink(tests[0])).ToBeVisibleAsync();
        await Expect(grading.GradeLink(tests[1])).ToBeVisibleAsync();
        await grading.OpenTestFromQueueAsync(tests[0]);
        await grading.GradeEveryQuestionAsync();
        await grading.SaveAsync();

        // Saved: back on the Results grid filtered to the test, Completed with its recalculated score.
        await grader.WaitForURLAsync(new Regex($"/results\\?q={tests[0]}$"), new() { Timeout = 30_000 });
        var snackbar = grader.Locator(".mud-snackbar").Filter(new() { HasText = "Grading saved" });
        var announced = ScoreIn().Match(await snackbar.InnerTextAsync()).Groups[1].Value;

        await using var db = new DashboardDbContext(TestProvider.Options(_factory.ConnectionString), new AccountScope());
        var saved = await db.Registrations.IgnoreQueryFilters().SingleAsync(r => r.Id == tests[0]);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        var score = saved.Score!.Value;
        // The snackbar announces the stored score ("64.6 %" on the percentage scale, "742 (Advanced)" on 1–1000): whichever
        // test the demo world offers first, the announced number is the stored one to its shown precision.
        Assert.InRange(double.Parse(announced.Replace(',', '.'), CultureInfo.InvariantCulture), score - 0.5, score + 0.5);
        // The grid shows it as a whole number.
        var results = new ResultsGridPage(grader);
        await Expect(results.Row(tests[0]).Locator(".score-cell")).ToContainTextAsync(Math.Round(score).ToString("0", CultureInfo.InvariantCulture));
        await Expect(results.Row(tests[0])).Not.ToContainTextAsync("No result yet");

        var other = await db.Registrations.IgnoreQueryFilters().Include(r => r.Grader).SingleAsync(r => r.Id == tests[1]);
        Assert.Equal((RegistrationStatus.PendingGrading, GraderName), (other.Status, other.Grader!.DisplayName));
    }

    [GeneratedRegex(@"scored ([0-9]+(?:[.,][0-9]+)?)")]
    private static partial Regex ScoreIn();
}
