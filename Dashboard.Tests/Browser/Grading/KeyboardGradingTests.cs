using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser.Grading;

/// <summary>
/// A grader grades a whole 5-question test without the mouse: number keys, Enter, J/K, Tab into the comment and
/// Ctrl+S; the real host recalculates the score and the Results grid shows the test Completed.
/// </summary>
[Trait("Category", "Browser")]
public sealed class KeyboardGradingTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private readonly DashboardWebFactory _factory = new();

    public KeyboardGradingTests(BrowserFixture browser) => _browser = browser;

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AGraderGradesAFiveQuestionTestWithTheKeyboardOnlyAndSavesWithCtrlS()
    {
        var id = await KeyboardGradingWorld.PendingFiveEssayTestAsync(_factory.ConnectionString, "grader@acme.test");
        var page = await _browser.NewPageAsync(_factory.BaseAddress);
        await new SignInPage(page).SignInAsync("grader@acme.test", "Demo-2026!");
        var grading = new GradingPage(page);
        await page.GotoAsync($"grading/{id}");

        // The first question takes the focus once the screen is live, with a ring the grader can see; the legend says the keys.
        await Expect(grading.Questions.Nth(0)).ToBeFocusedAsync(new() { Timeout = 15_000 });
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Ctrl+S");

        await GradeAsync(page, grading, 1, "4");
        await GradeAsync(page, grading, 2, "3");
        await GradeAsync(page, grading, 3, "1", "5");

        // K goes back to the third question, J forward again: nothing is changed on the way.
        await page.Keyboard.PressAsync("k");
        await Expect(grading.Questions.Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(grading.Questions.Nth(3)).ToBeFocusedAsync();
        await GradeAsync(page, grading, 4, "2");

        // The last one through its fields: Tab to the grade, Tab to the comment (whose letters are text, j and k
        // included), Tab to Confirm and Enter.
        await Expect(grading.Questions.Nth(4)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("5");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Jokes kept short, well judged.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(grading.Progress).ToContainTextAsync("5 of 5 confirmed");

        await page.Keyboard.PressAsync("Control+s");

        // Saved: 4 + 3 + 15 + 2 + 5 = 29 of 40 = 72.5 %, the test Completed in the Results grid.
        await page.WaitForURLAsync(new Regex($"/results\\?q={id}$"), new() { Timeout = 30_000 });
        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "Grading saved" });
        await Expect(snackbar).ToContainTextAsync("scored 72.5 %");
        await Expect(snackbar).ToContainTextAsync("The test is completed.");
        // A completed row shows its score (the grid rounds it) where a pending one says "No result yet · Pending grading",
        // and offers the analysis.
        var row = new ResultsGridPage(page).Row(id);
        await Expect(row.Locator(".score-cell")).ToHaveTextAsync("72 %");
        await Expect(row).Not.ToContainTextAsync("Pending grading");
        await Expect(row.Locator("[data-action=analysis]")).ToBeVisibleAsync();

        await using var db = new DashboardDbContext(TestProvider.Options(_factory.ConnectionString), new AccountScope());
        var saved = await db.Registrations.IgnoreQueryFilters().Include(r => r.Responses).SingleAsync(r => r.Id == id);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Equal(72.5, saved.Score);
        Assert.Equal(new double?[] { 4, 3, 15, 2, 5 }, saved.Responses.OrderBy(r => r.Order).Select(r => r.Points));
        Assert.Equal("Jokes kept short, well judged.", saved.Responses.Single(r => r.Order == 4).GraderComment);
    }

    /// <summary>On the focused question: its digits, then Enter, which confirms and moves the focus to the next question.</summary>
    private static async Task GradeAsync(IPage page, GradingPage grading, int number, params string[] digits)
    {
        await Expect(grading.Questions.Nth(number - 1)).ToBeFocusedAsync();
        foreach (var digit in digits)
        {
            await page.Keyboard.PressAsync(digit);
        }

        await Expect(grading.Questions.Nth(number - 1).GetByLabel("Grade")).ToHaveValueAsync(string.Concat(digits));
        await page.Keyboard.PressAsync("Enter");
        await Expect(grading.Progress).ToContainTextAsync($"{number} of 5 confirmed");
    }
}
