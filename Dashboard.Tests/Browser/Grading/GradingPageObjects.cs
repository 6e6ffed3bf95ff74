using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Grading;

/// <summary>/account/login (h/auth): Email, Password, "Sign in".</summary>
internal sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The Results grid (h/ui): ID in the second column, Grader column when filtered on Pending grading.</summary>
internal sealed partial class ResultsGridPage(IPage page)
{
    public async Task OpenAsync(string query)
    {
        await page.GotoAsync($"results?{query}");
        // Rows only appear once the circuit is connected (prerender shows an empty grid).
        await Rows.First.WaitForAsync();
    }

    public ILocator Rows => page.Locator("table[aria-label='Results'] tbody tr, .results-grid tbody tr").Filter(new() { Has = page.Locator("td") });

    public ILocator Row(int registrationId) =>
        Rows.Filter(new() { Has = page.Locator("td.col-id", new() { HasTextRegex = new Regex($"^\\s*{registrationId}\\s*$") }) });

    /// <summary>The ID cell wherever it stands (the selection column exists only for administrators who can act on a selection).</summary>
    public static async Task<int> IdOfAsync(ILocator row) => int.Parse((await row.Locator("td.col-id").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public Task SelectAsync(int registrationId) => Row(registrationId).Locator("input[type=checkbox]").CheckAsync();

    public Task OpenAssignDialogAsync() => page.GetByRole(AriaRole.Button, new() { NameRegex = AssignButtonName() }).ClickAsync();

    // The spec's label is "Assign the tests to one or more graders"; the grid shipped "Assign to graders".
    [GeneratedRegex("^Assign (the tests )?to (one or more )?graders$", RegexOptions.IgnoreCase)]
    private static partial Regex AssignButtonName();
}

/// <summary>AssignGradersDialog: one checkbox per grader, "Confirm".</summary>
internal sealed class AssignGradersDialogPage(IPage page)
{
    private ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task AssignToAsync(string graderName)
    {
        await Dialog.GetByRole(AriaRole.Checkbox, new() { Name = graderName }).CheckAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}

/// <summary>/grading (queue) and /grading/{id} (the grading screen).</summary>
internal sealed partial class GradingPage(IPage page)
{
    public async Task OpenQueueAsync()
    {
        await page.GotoAsync("grading");
        await page.GetByRole(AriaRole.Heading, new() { Name = "My grading queue" }).WaitForAsync();
    }

    public ILocator GradeLink(int registrationId) => page.Locator($"a[href='grading/{registrationId}']");

    public async Task OpenTestFromQueueAsync(int registrationId)
    {
        await GradeLink(registrationId).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/grading/{registrationId}$"));
        await Questions.First.WaitForAsync();
    }

    public ILocator Questions => page.Locator("section[aria-label^='Question ']");

    public ILocator Progress => page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ConfirmedText() });

    /// <summary>Types a grade in every question (half its maximum) and presses Enter, which confirms it.</summary>
    public async Task GradeEveryQuestionAsync()
    {
        var count = await Questions.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var question = Questions.Nth(i);
            var max = double.Parse(MaxPoints().Match(await question.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var grade = question.GetByLabel("Grade");
            await grade.FillAsync((max / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await grade.PressAsync("Enter");
            await Microsoft.Playwright.Assertions.Expect(Progress).ToContainTextAsync($"{i + 1} of {count} confirmed");
        }
    }

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Save the grading" }).ClickAsync();

    [GeneratedRegex(@"out of ([0-9.]+) points")]
    private static partial Regex MaxPoints();

    [GeneratedRegex(@"\d+ of \d+ confirmed")]
    private static partial Regex ConfirmedText();
}
